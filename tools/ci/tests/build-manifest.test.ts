import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildManifest, runtimeDependencies } from '../src/build-manifest';
import { loadProjectGraph } from '../src/project-graph';

describe('buildManifest', () => {
  it('lists every packaged file with size and sha256, sorted, without itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    writeFileSync(join(dir, 'health.zip'), 'zip-bytes');
    writeFileSync(join(dir, 'cloudformation-template-update-stack.json'), '{}');
    writeFileSync(join(dir, 'manifest.json'), 'old');
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'nested', 'a.txt'), 'a');
    const manifest = await buildManifest({
      dir,
      service: 'catalog',
      stage: 'dev',
      gitSha: 'a'.repeat(40),
      dependencies: ['http'],
      now: new Date('2026-11-30T00:00:00Z'),
    });
    expect(manifest).toEqual({
      schema: 'serverless-factory/build-manifest@1',
      service: 'catalog',
      stage: 'dev',
      gitSha: 'a'.repeat(40),
      builtAt: '2026-11-30T00:00:00.000Z',
      dependencies: ['http'],
      files: [
        {
          path: 'cloudformation-template-update-stack.json',
          bytes: 2,
          sha256: createHash('sha256').update('{}').digest('hex'),
        },
        { path: 'health.zip', bytes: 9, sha256: createHash('sha256').update('zip-bytes').digest('hex') },
        { path: 'nested/a.txt', bytes: 1, sha256: createHash('sha256').update('a').digest('hex') },
      ],
    });
  });
});

describe('runtimeDependencies', () => {
  const workspaceRoot = join(__dirname, '..', '..', '..');

  it("follows the services' package.json dependencies, not the test-only libs of devDependencies", async () => {
    const graph = await loadProjectGraph(workspaceRoot);
    expect(runtimeDependencies(graph, 'orders', workspaceRoot)).toEqual([
      'auth',
      'contracts',
      'http',
      'observability',
      'persistence',
    ]);
    for (const service of ['catalog', 'inventory', 'orders'])
      expect(runtimeDependencies(graph, service, workspaceRoot)).not.toContain('testing');
    expect(runtimeDependencies(graph, 'auth', workspaceRoot)).toEqual([]);
  });

  it('lists no test-only lib among the runtime dependencies of any app or lib package.json', () => {
    for (const folder of ['apps', 'libs'])
      for (const project of readdirSync(join(workspaceRoot, folder))) {
        const file = join(workspaceRoot, folder, project, 'package.json');
        if (!existsSync(file)) continue;
        const dependencies = Object.keys(
          (JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: object }).dependencies ?? {},
        );
        expect({ file: `${folder}/${project}`, dependencies }).toEqual({
          file: `${folder}/${project}`,
          dependencies: expect.not.arrayContaining(['@platform/testing']),
        });
      }
  });
});
