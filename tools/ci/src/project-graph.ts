import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ProjectGraphError } from './errors';

const execFileAsync = promisify(execFile);

/** One Nx project: its folder relative to the workspace root, and its tags. */
interface ProjectNode {
  readonly root: string;
  readonly tags: readonly string[];
}

/**
 * The part of the Nx project graph that "affected" needs: every project, and for each project the
 * names of the projects it depends on (other workspace projects only, never `npm:` packages).
 */
export interface ProjectGraph {
  readonly projects: Readonly<Record<string, ProjectNode>>;
  readonly dependencies: Readonly<Record<string, readonly string[]>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringArray(value: unknown, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new ProjectGraphError(`${what} must be an array of strings`);
  }
  return value;
}

function projectNode(name: string, value: unknown): ProjectNode {
  if (!isRecord(value) || typeof value['root'] !== 'string') {
    throw new ProjectGraphError(`project "${name}" has no string "root"`);
  }
  return { root: value['root'].replace(/\/+$/, ''), tags: stringArray(value['tags'], `tags of "${name}"`) };
}

/** A dependency is a project name (simple shape) or an Nx edge `{ source, target, type }`. */
function dependencyTarget(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value['target'] === 'string') return value['target'];
  throw new ProjectGraphError(`a dependency of "${name}" is neither a name nor an edge with a "target"`);
}

function parseDependencies(
  value: unknown,
  projects: Readonly<Record<string, ProjectNode>>,
): Record<string, string[]> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new ProjectGraphError('"dependencies" must be an object');
  const dependencies: Record<string, string[]> = {};
  for (const [name, edges] of Object.entries(value)) {
    if (!Array.isArray(edges)) throw new ProjectGraphError(`dependencies of "${name}" must be an array`);
    const targets = edges.map((edge: unknown) => dependencyTarget(name, edge));
    // Nx also lists external nodes (npm:…) as targets: only workspace projects matter here.
    dependencies[name] = [...new Set(targets.filter((target) => target in projects))];
  }
  return dependencies;
}

/**
 * Reads a project graph from either the output of `nx graph --file=graph.json`
 * (`{ graph: { nodes: { name: { data: { root, tags } } }, dependencies: { name: [{ target }] } } }`)
 * or the simple shape `{ projects: { name: { root, tags } }, dependencies: { name: ['dep'] } }`.
 *
 * @throws {ProjectGraphError} when the document has neither shape.
 * @example
 * parseProjectGraph({ projects: { catalog: { root: 'apps/catalog', tags: ['type:app'] } }, dependencies: {} });
 */
export function parseProjectGraph(document: unknown): ProjectGraph {
  if (!isRecord(document)) throw new ProjectGraphError('a project graph must be a JSON object');
  const nxGraph = document['graph'];
  if (isRecord(nxGraph)) {
    const nodes = nxGraph['nodes'];
    if (!isRecord(nodes)) throw new ProjectGraphError('"graph.nodes" must be an object');
    const projects: Record<string, ProjectNode> = {};
    for (const [name, node] of Object.entries(nodes)) {
      if (!isRecord(node)) throw new ProjectGraphError(`node "${name}" must be an object`);
      projects[name] = projectNode(name, node['data']);
    }
    return { projects, dependencies: parseDependencies(nxGraph['dependencies'], projects) };
  }
  const rawProjects = document['projects'];
  if (!isRecord(rawProjects)) {
    throw new ProjectGraphError('expected `nx graph --file` output ("graph") or a "projects" object');
  }
  const projects: Record<string, ProjectNode> = {};
  for (const [name, node] of Object.entries(rawProjects)) projects[name] = projectNode(name, node);
  return { projects, dependencies: parseDependencies(document['dependencies'], projects) };
}

/**
 * Reads a project graph JSON file (either shape accepted by {@link parseProjectGraph}).
 *
 * @throws {ProjectGraphError} when the file is missing, not JSON, or not a graph.
 */
export async function readProjectGraphFile(path: string): Promise<ProjectGraph> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ProjectGraphError(`cannot read the project graph file ${path}`, { cause: error });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ProjectGraphError(`the project graph file ${path} is not JSON`, { cause: error });
  }
  return parseProjectGraph(document);
}

/** The `nx` command-line script installed for the workspace at `cwd`. */
function nxScript(cwd: string): string {
  const requireFromWorkspace = createRequire(join(cwd, 'package.json'));
  let packageJsonPath: string;
  try {
    packageJsonPath = requireFromWorkspace.resolve('nx/package.json');
  } catch (error) {
    throw new ProjectGraphError(`nx is not installed for the workspace at ${cwd} (run npm ci)`, {
      cause: error,
    });
  }
  return join(dirname(packageJsonPath), 'dist', 'bin', 'nx.js');
}

/**
 * Computes the workspace's project graph by running `nx graph --file=<tmp>.json` in `cwd` (without
 * the Nx daemon, so concurrent runs do not share one) and reading it with {@link parseProjectGraph}.
 * Runs the workspace's own nx, never a downloaded one.
 *
 * @throws {ProjectGraphError} when nx is missing or fails.
 * @example
 * const graph = await loadProjectGraph(process.cwd());
 * graph.projects['catalog']?.tags; // ['npm:private', 'type:app', 'scope:catalog']
 */
export async function loadProjectGraph(cwd: string): Promise<ProjectGraph> {
  const script = nxScript(cwd);
  const dir = await mkdtemp(join(tmpdir(), 'nx-graph-'));
  const file = join(dir, 'graph.json');
  try {
    try {
      await execFileAsync(process.execPath, [script, 'graph', `--file=${file}`], {
        cwd,
        env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const stderr = isRecord(error) && typeof error['stderr'] === 'string' ? error['stderr'].trim() : '';
      throw new ProjectGraphError(`nx graph failed in ${cwd}${stderr ? `: ${stderr}` : ''}`, {
        cause: error,
      });
    }
    return await readProjectGraphFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The graph a CLI works on: read from `file` when one was given (`--graph`), computed by
 * {@link loadProjectGraph} in `cwd` otherwise.
 *
 * @example
 * declare const graphFile: string | undefined; // the --graph option
 * const graph = await projectGraphFor(process.cwd(), graphFile);
 */
export async function projectGraphFor(cwd: string, file?: string): Promise<ProjectGraph> {
  return file !== undefined ? readProjectGraphFile(resolve(cwd, file)) : loadProjectGraph(cwd);
}
