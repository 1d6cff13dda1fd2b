import { join } from 'node:path';
import { deployableServices, loadProjectGraph, serverlessConfigIn, type ProjectGraph } from '@platform/ci';
import { UnknownServiceError } from './errors';

/** A service the local stack runs. */
export interface LocalService {
  name: string;
  /** Absolute path of its folder (the one holding serverless.yml). */
  dir: string;
}

/**
 * The services of the workspace, from the Nx project graph: projects tagged `type:app` whose root
 * holds a `serverless.yml` (so a new service runs without editing the stack), sorted by name.
 * `only` keeps the named ones; a name that is not a service is an {@link UnknownServiceError}
 * listing the known ones.
 *
 * @example
 * await discoverServices('/repo', ['orders', 'catalog']); // [{ name: 'catalog', dir: '/repo/apps/catalog' }, …]
 */
export async function discoverServices(
  workspaceRoot: string,
  only?: readonly string[],
  loadGraph: (cwd: string) => Promise<ProjectGraph> = loadProjectGraph,
): Promise<LocalService[]> {
  const graph = await loadGraph(workspaceRoot);
  const names = deployableServices(graph, serverlessConfigIn(workspaceRoot));
  const all = names.flatMap((name) => {
    const project = graph.projects[name];
    return project ? [{ name, dir: join(workspaceRoot, project.root) }] : [];
  });
  if (!only || only.length === 0) return all;
  const unknown = only.filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new UnknownServiceError(unknown, names);
  return all.filter((service) => only.includes(service.name));
}
