import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { changeImpact } from './change-impact';
import { UnknownServiceError } from './errors';
import type { ChangedFiles } from './changed-files';
import type { ProjectGraph } from './project-graph';

/** The tag that marks a deployable service (docs/architecture.md §3). */
const SERVICE_TAG = 'type:app';

/** A service selected by a change, with every reason that selected it. */
export interface AffectedService {
  readonly service: string;
  readonly reasons: readonly string[];
}

/** Input of {@link affectedServices}. */
export interface AffectedServicesInput {
  /** What changed, from {@link changedFiles} or made up in a test. */
  readonly changedFiles: ChangedFiles;
  readonly graph: ProjectGraph;
  /** Whether a project root holds a `serverless.yml`: see {@link serverlessConfigIn}. */
  readonly hasServerlessConfig: (projectRoot: string) => boolean;
}

/**
 * A `hasServerlessConfig` that looks for `<projectRoot>/serverless.yml` under `workspaceRoot`.
 *
 * @example
 * serverlessConfigIn('/repo')('apps/catalog'); // true when /repo/apps/catalog/serverless.yml exists
 */
export function serverlessConfigIn(workspaceRoot: string): (projectRoot: string) => boolean {
  return (projectRoot) => existsSync(join(workspaceRoot, projectRoot, 'serverless.yml'));
}

/**
 * The deployable services of a graph, sorted: projects tagged `type:app` whose root holds a
 * `serverless.yml`.
 */
export function deployableServices(
  graph: ProjectGraph,
  hasServerlessConfig: (projectRoot: string) => boolean,
): string[] {
  return Object.entries(graph.projects)
    .filter(([, project]) => project.tags.includes(SERVICE_TAG) && hasServerlessConfig(project.root))
    .map(([name]) => name)
    .sort();
}

/**
 * The services a command works on: `requested` (in the order of `known`), or every known one when
 * nothing was asked for.
 *
 * @throws {UnknownServiceError} naming what is not in `known`.
 * @example
 * selectServices(['catalog', 'orders'], ['orders']); // ['orders']
 */
export function selectServices(known: readonly string[], requested: readonly string[] | undefined): string[] {
  const unknown = (requested ?? []).filter((service) => !known.includes(service));
  if (unknown.length > 0) {
    throw new UnknownServiceError(
      `not a deployable service: ${unknown.join(', ')} (deployable: ${known.join(', ') || 'none'})`,
    );
  }
  return requested === undefined ? [...known] : known.filter((service) => requested.includes(service));
}

/** For each project, the projects that depend on it directly. */
function dependentsOf(graph: ProjectGraph): Map<string, string[]> {
  const dependents = new Map<string, string[]>();
  for (const [source, targets] of Object.entries(graph.dependencies)) {
    for (const target of targets) dependents.set(target, [...(dependents.get(target) ?? []), source]);
  }
  return dependents;
}

/** `project` and every project that depends on it, directly or not (cycles tolerated). */
function withDependents(project: string, dependents: Map<string, string[]>): Set<string> {
  const reached = new Set([project]);
  const queue = [project];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const dependent of dependents.get(next) ?? []) {
      if (reached.has(dependent)) continue;
      reached.add(dependent);
      queue.push(dependent);
    }
  }
  return reached;
}

/**
 * The services a change affects, sorted by name, each with why:
 * - a file inside a project's root affects that project and everything depending on it (the
 *   dependencies walked in reverse); of those, the deployable services are kept;
 * - root configuration, or a tool that packages every service, affects every service;
 * - documentation (`docs/**`, `*.md`, `.github/**`, LICENSE) affects none;
 * - `changedFiles` "everything" affects every service.
 *
 * @example
 * declare const graph: ProjectGraph;
 * affectedServices({
 *   changedFiles: { kind: 'files', files: ['libs/persistence/src/keys.ts'] },
 *   graph,
 *   hasServerlessConfig: serverlessConfigIn(process.cwd()),
 * }); // [{ service: 'catalog', reasons: ['libs/persistence changed'] }, …]
 */
export function affectedServices(input: AffectedServicesInput): AffectedService[] {
  const { graph } = input;
  const services = deployableServices(graph, input.hasServerlessConfig);
  const reasons = new Map<string, Set<string>>(services.map((service) => [service, new Set<string>()]));
  const selectAll = (reason: string): void => {
    for (const service of services) reasons.get(service)?.add(reason);
  };

  if (input.changedFiles.kind === 'everything') {
    selectAll(`${input.changedFiles.reason}: everything affected`);
  } else {
    const dependents = dependentsOf(graph);
    const changedProjects = new Set<string>();
    for (const file of input.changedFiles.files) {
      const impact = changeImpact(file, graph);
      if (impact.kind === 'all') selectAll(impact.reason);
      else if (impact.kind === 'project') changedProjects.add(impact.project);
    }
    for (const project of changedProjects) {
      const reason = `${graph.projects[project]?.root ?? project} changed`;
      for (const reached of withDependents(project, dependents)) reasons.get(reached)?.add(reason);
    }
  }

  return services
    .map((service) => ({ service, reasons: [...(reasons.get(service) ?? [])].sort() }))
    .filter((affected) => affected.reasons.length > 0);
}
