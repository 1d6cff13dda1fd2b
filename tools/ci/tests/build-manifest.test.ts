import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildManifest, transitiveDependencies } from '../src/build-manifest';
import type { ProjectGraph } from '../src/project-graph';

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

describe('transitiveDependencies', () => {
  it('walks dependencies of dependencies, once each, known projects only', () => {
    const graph: ProjectGraph = {
      projects: {
        catalog: { root: 'apps/catalog', tags: [] },
        http: { root: 'libs/http', tags: [] },
        auth: { root: 'libs/auth', tags: [] },
        persistence: { root: 'libs/persistence', tags: [] },
        observability: { root: 'libs/observability', tags: [] },
      },
      dependencies: {
        catalog: ['http', 'persistence', 'npm:zod'],
        http: ['auth', 'observability', 'persistence'],
        persistence: ['observability', 'catalog'],
      },
    };
    expect(transitiveDependencies(graph, 'catalog')).toEqual([
      'auth',
      'http',
      'observability',
      'persistence',
    ]);
    expect(transitiveDependencies(graph, 'auth')).toEqual([]);
  });
});
