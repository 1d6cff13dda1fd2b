import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ProjectGraph } from './project-graph';

/** Name of the manifest inside a package folder; it never lists itself. */
export const MANIFEST_FILE = 'manifest.json';

/** One packaged file. */
interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** What a build of one service at one stage produced (docs/architecture.md §6 evidence). */
export interface BuildManifest {
  schema: 'serverless-factory/build-manifest@1';
  service: string;
  stage: string;
  gitSha: string;
  builtAt: string;
  /** The workspace projects the service needs at run time (package.json `dependencies`), sorted. */
  dependencies: string[];
  files: ManifestFile[];
}

/** SHA-256 of a file's bytes, hex. */
export async function sha256File(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? listFiles(path) : [path];
    }),
  );
  return files.flat();
}

/** The `dependencies` of a project's package.json (its runtime dependencies), or none. */
function runtimePackages(workspaceRoot: string, projectRoot: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(join(workspaceRoot, projectRoot, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    return Object.keys(manifest.dependencies ?? {});
  } catch {
    return [];
  }
}

/** A project's npm package name (its package.json `name`), when it has one. */
function packageNameOf(workspaceRoot: string, projectRoot: string): string | undefined {
  try {
    return (
      JSON.parse(readFileSync(join(workspaceRoot, projectRoot, 'package.json'), 'utf8')) as { name?: string }
    ).name;
  } catch {
    return undefined;
  }
}

/**
 * The workspace projects `project` needs at run time, directly or not, sorted: followed through
 * the `dependencies` of each package.json, never `devDependencies`, so a test-only lib (such as
 * @platform/testing) never reaches a service's build manifest, however many tests import it.
 *
 * @example
 * declare const graph: ProjectGraph;
 * runtimeDependencies(graph, 'orders', process.cwd()); // ['auth', 'http', 'observability', 'persistence']
 */
export function runtimeDependencies(graph: ProjectGraph, project: string, workspaceRoot: string): string[] {
  const byPackage = new Map<string, string>();
  for (const [name, node] of Object.entries(graph.projects)) {
    const packageName = packageNameOf(workspaceRoot, node.root);
    if (packageName) byPackage.set(packageName, name);
  }
  const reached = new Set<string>();
  const visit = (name: string): void => {
    const root = graph.projects[name]?.root;
    if (root === undefined) return;
    for (const packageName of runtimePackages(workspaceRoot, root)) {
      const dependency = byPackage.get(packageName);
      if (dependency === undefined || dependency === project || reached.has(dependency)) continue;
      reached.add(dependency);
      visit(dependency);
    }
  };
  visit(project);
  return [...reached].sort();
}

/**
 * The manifest of a package folder: every file but the manifest itself, with its size and
 * SHA-256, sorted by path.
 *
 * @example
 * declare const gitSha: string;
 * const manifest = await buildManifest({ dir: 'dist/catalog/dev', service: 'catalog', stage: 'dev', gitSha, dependencies: ['http'] });
 */
export async function buildManifest(input: {
  dir: string;
  service: string;
  stage: string;
  gitSha: string;
  dependencies: string[];
  now?: Date;
}): Promise<BuildManifest> {
  const paths = (await listFiles(input.dir))
    .filter((path) => relative(input.dir, path) !== MANIFEST_FILE)
    .sort();
  const files = await Promise.all(
    paths.map(async (path) => ({
      path: relative(input.dir, path).split('\\').join('/'),
      bytes: (await stat(path)).size,
      sha256: await sha256File(path),
    })),
  );
  return {
    schema: 'serverless-factory/build-manifest@1',
    service: input.service,
    stage: input.stage,
    gitSha: input.gitSha,
    builtAt: (input.now ?? new Date()).toISOString(),
    dependencies: input.dependencies,
    files,
  };
}
