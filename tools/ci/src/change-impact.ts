import type { ProjectGraph } from './project-graph';

/**
 * What one changed file means for the services:
 * - `none`: documentation or workspace-only tooling; it changes no service;
 * - `all`: every service (root configuration, or a tool that packages every service);
 * - `project`: the Nx project whose folder holds the file (and, later, everything depending on it).
 */
export type ChangeImpact =
  | { readonly kind: 'none' }
  | { readonly kind: 'all'; readonly reason: string }
  | { readonly kind: 'project'; readonly project: string };

/**
 * Folders whose code runs in every service's package step: a change there re-packages (and so
 * re-deploys) every service, whatever the project graph says.
 */
const PACKAGING_TOOL_ROOTS: readonly string[] = ['tools/serverless-plugin'];

/**
 * Root folders of tooling that no service builds, tests or packages with (the benchmarks): a change
 * there affects nothing. A lib's own `bench/` belongs to the lib's project.
 */
const WORKSPACE_ONLY_ROOTS: readonly string[] = ['bench'];

/**
 * Whether `file` is documentation: `docs/**`, any `*.md`, `.github/**` (workflows do not change a
 * service) or a root `LICENSE`.
 *
 * @example
 * isDocumentation('apps/catalog/README.md'); // true
 */
export function isDocumentation(file: string): boolean {
  return (
    file.startsWith('docs/') ||
    file.startsWith('.github/') ||
    /\.md$/i.test(file) ||
    /^LICEN[CS]E(\.txt)?$/i.test(file)
  );
}

function isUnder(file: string, root: string): boolean {
  return file.startsWith(`${root}/`);
}

/**
 * The project whose root holds `file`, the deepest one when roots nest. A project rooted at the
 * workspace root itself owns nothing here: its files are root configuration.
 */
export function owningProject(file: string, graph: ProjectGraph): string | undefined {
  let owner: string | undefined;
  let ownerRootLength = -1;
  for (const [name, project] of Object.entries(graph.projects)) {
    if (project.root === '' || project.root === '.') continue;
    if (isUnder(file, project.root) && project.root.length > ownerRootLength) {
      owner = name;
      ownerRootLength = project.root.length;
    }
  }
  return owner;
}

/**
 * Classifies one changed path (relative to the workspace root). Documentation and workspace-only
 * tooling ({@link WORKSPACE_ONLY_ROOTS}) first, then the
 * packaging tools, then the owning project; a file outside every project is root configuration
 * (package.json, package-lock.json, nx.json, tsconfig.base.json, jest.preset.js, eslint.config.mjs,
 * Makefile, serverless/**, .ci/**, …) and affects everything.
 *
 * @example
 * declare const graph: ProjectGraph;
 * changeImpact('nx.json', graph); // { kind: 'all', reason: 'root config nx.json changed' }
 * changeImpact('libs/http/src/a.ts', graph); // { kind: 'project', project: 'http' }
 */
export function changeImpact(file: string, graph: ProjectGraph): ChangeImpact {
  if (isDocumentation(file) || WORKSPACE_ONLY_ROOTS.some((root) => isUnder(file, root)))
    return { kind: 'none' };
  const tool = PACKAGING_TOOL_ROOTS.find((root) => isUnder(file, root));
  if (tool !== undefined) return { kind: 'all', reason: `${tool} changed (it packages every service)` };
  const project = owningProject(file, graph);
  if (project !== undefined) return { kind: 'project', project };
  return { kind: 'all', reason: `root config ${file} changed` };
}
