import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { affectedServices, serverlessConfigIn } from '../src/affected-services';
import { loadProjectGraph, type ProjectGraph } from '../src/project-graph';

const workspaceRoot = join(__dirname, '../../..');

/** What Nx itself says is affected by these files (apps only). */
function nxAffectedApps(files: string[]): string[] {
  const output = execFileSync(
    process.execPath,
    [
      join(workspaceRoot, 'node_modules/nx/dist/bin/nx.js'),
      'show',
      'projects',
      '--affected',
      `--files=${files.join(',')}`,
      '--type=app',
      '--json',
    ],
    {
      cwd: workspaceRoot,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    },
  );
  return (JSON.parse(output) as string[]).sort();
}

describe('affected services on this workspace (the real Nx graph)', () => {
  let graph: ProjectGraph;
  beforeAll(async () => {
    graph = await loadProjectGraph(workspaceRoot);
  });
  const affected = (files: string[]) =>
    affectedServices({
      changedFiles: { kind: 'files', files },
      graph,
      hasServerlessConfig: serverlessConfigIn(workspaceRoot),
    }).map((s) => s.service);

  it('selects only the service whose file changed, as nx affected does', () => {
    expect(affected(['apps/catalog/src/handlers/get-product.ts'])).toEqual(['catalog']);
    expect(nxAffectedApps(['apps/catalog/src/handlers/get-product.ts'])).toEqual(['catalog']);
  });

  it('selects every service for a change to libs/persistence, as nx affected does', () => {
    expect(affected(['libs/persistence/src/tenant-key.ts'])).toEqual(['catalog', 'inventory', 'orders']);
    expect(nxAffectedApps(['libs/persistence/src/tenant-key.ts'])).toEqual([
      'catalog',
      'inventory',
      'orders',
    ]);
  });

  it('selects no service for a change to the docs', () => {
    expect(affected(['docs/adr/001-platform-choice.md'])).toEqual([]);
  });
});
