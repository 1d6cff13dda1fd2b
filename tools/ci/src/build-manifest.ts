import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ProjectGraph } from './project-graph';

/** Name of the manifest inside a package folder; it never lists itself. */
export const MANIFEST_FILE = 'manifest.json';

/** One packaged file. */
export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** What a build of one service at one stage produced (ARCHITECTURE.md §6 evidence). */
export interface BuildManifest {
  schema: 'serverless-factory/build-manifest@1';
  service: string;
  stage: string;
  gitSha: string;
  builtAt: string;
  /** The Nx projects the service depends on, directly or not, sorted. */
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

/** Every project `project` depends on, directly or not, sorted (cycles tolerated). */
export function transitiveDependencies(graph: ProjectGraph, project: string): string[] {
  const reached = new Set<string>();
  const queue = [...(graph.dependencies[project] ?? [])];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (reached.has(next) || next === project) continue;
    reached.add(next);
    queue.push(...(graph.dependencies[next] ?? []));
  }
  return [...reached].filter((name) => name in graph.projects).sort();
}

/**
 * The manifest of a package folder: every file but the manifest itself, with its size and
 * SHA-256, sorted by path.
 *
 * @example
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
