import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  affectedServices,
  deployableServices,
  selectServices,
  serverlessConfigIn,
} from '../src/affected-services';
import { UnknownServiceError } from '../src/errors';
import type { ChangedFiles } from '../src/changed-files';
import type { ProjectGraph } from '../src/project-graph';
import { fixtureGraph } from './support/git-fixture-repo';

/** In the fixture, catalog, inventory and orders have a serverless.yml; backoffice does not. */
const withServerlessConfig = new Set(['apps/catalog', 'apps/inventory', 'apps/orders']);
const hasServerlessConfig = (root: string): boolean => withServerlessConfig.has(root);

function affectedBy(files: string[], graph: ProjectGraph = fixtureGraph) {
  const changedFiles: ChangedFiles = { kind: 'files', files };
  return affectedServices({ changedFiles, graph, hasServerlessConfig });
}

function namesAffectedBy(files: string[]): string[] {
  return affectedBy(files).map((affected) => affected.service);
}

describe('deployableServices', () => {
  it('lists the type:app projects that have a serverless.yml, sorted', () => {
    expect(deployableServices(fixtureGraph, hasServerlessConfig)).toEqual(['catalog', 'inventory', 'orders']);
  });
});

describe('serverlessConfigIn', () => {
  it('looks for serverless.yml in the project root under the workspace', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'ci-workspace-'));
    mkdirSync(join(workspace, 'apps', 'catalog'), { recursive: true });
    writeFileSync(join(workspace, 'apps', 'catalog', 'serverless.yml'), 'service: catalog\n');
    mkdirSync(join(workspace, 'apps', 'backoffice'), { recursive: true });

    expect(serverlessConfigIn(workspace)('apps/catalog')).toBe(true);
    expect(serverlessConfigIn(workspace)('apps/backoffice')).toBe(false);
  });
});

describe('affectedServices', () => {
  it('selects only the service whose own file changed', () => {
    expect(affectedBy(['apps/catalog/src/handlers/get-product.ts'])).toEqual([
      { service: 'catalog', reasons: ['apps/catalog changed'] },
    ]);
  });

  it('selects the services depending on a changed lib, directly or not', () => {
    expect(affectedBy(['libs/persistence/src/keys.ts'])).toEqual([
      { service: 'catalog', reasons: ['libs/persistence changed'] },
      { service: 'inventory', reasons: ['libs/persistence changed'] },
    ]);
    expect(namesAffectedBy(['libs/auth/src/verify.ts'])).toEqual(['catalog', 'orders']);
    expect(namesAffectedBy(['libs/observability/src/logger.ts'])).toEqual(['catalog', 'inventory', 'orders']);
  });

  it('keeps only type:app projects with a serverless.yml', () => {
    // backoffice depends on http too, but has no serverless.yml; http itself is a lib.
    expect(namesAffectedBy(['libs/http/src/stack.ts'])).toEqual(['catalog', 'orders']);
    expect(namesAffectedBy(['apps/backoffice/src/main.ts'])).toEqual([]);
  });

  it('selects every service for a root config change, saying which file', () => {
    expect(affectedBy(['nx.json'])).toEqual([
      { service: 'catalog', reasons: ['root config nx.json changed'] },
      { service: 'inventory', reasons: ['root config nx.json changed'] },
      { service: 'orders', reasons: ['root config nx.json changed'] },
    ]);
  });

  it('selects every service when the serverless plugin changes', () => {
    expect(namesAffectedBy(['tools/serverless-plugin/src/index.js'])).toEqual([
      'catalog',
      'inventory',
      'orders',
    ]);
  });

  it('selects nothing for documentation only', () => {
    expect(
      affectedBy([
        'docs/runbooks/deploy.md',
        'apps/catalog/README.md',
        '.github/workflows/pr.yml',
        'LICENSE',
      ]),
    ).toEqual([]);
  });

  it('selects nothing for a tool no service depends on', () => {
    expect(affectedBy(['tools/ci/src/affected-services.ts'])).toEqual([]);
  });

  it('selects nothing when nothing changed', () => {
    expect(affectedBy([])).toEqual([]);
  });

  it('gathers every reason a service is selected for, sorted and without repeats', () => {
    expect(
      affectedBy([
        'apps/catalog/src/a.ts',
        'apps/catalog/src/b.ts',
        'libs/persistence/src/keys.ts',
        'Makefile',
      ]).find((affected) => affected.service === 'catalog'),
    ).toEqual({
      service: 'catalog',
      reasons: ['apps/catalog changed', 'libs/persistence changed', 'root config Makefile changed'],
    });
  });

  it('selects every service when the change is "everything", with its reason', () => {
    expect(
      affectedServices({
        changedFiles: { kind: 'everything', reason: 'no base commit' },
        graph: fixtureGraph,
        hasServerlessConfig,
      }),
    ).toEqual([
      { service: 'catalog', reasons: ['no base commit: everything affected'] },
      { service: 'inventory', reasons: ['no base commit: everything affected'] },
      { service: 'orders', reasons: ['no base commit: everything affected'] },
    ]);
  });

  it('terminates on a dependency cycle and still reaches every dependent', () => {
    const cyclic: ProjectGraph = {
      projects: {
        svc: { root: 'apps/svc', tags: ['type:app'] },
        a: { root: 'libs/a', tags: ['type:lib'] },
        b: { root: 'libs/b', tags: ['type:lib'] },
      },
      dependencies: { svc: ['a'], a: ['b'], b: ['a'] },
    };
    expect(
      affectedServices({
        changedFiles: { kind: 'files', files: ['libs/b/src/x.ts'] },
        graph: cyclic,
        hasServerlessConfig: () => true,
      }),
    ).toEqual([{ service: 'svc', reasons: ['libs/b changed'] }]);
  });
});

describe('selectServices', () => {
  it('gives every known service when none is asked for, else those asked for in known order', () => {
    expect(selectServices(['catalog', 'inventory', 'orders'], undefined)).toEqual([
      'catalog',
      'inventory',
      'orders',
    ]);
    expect(selectServices(['catalog', 'inventory', 'orders'], ['orders', 'catalog'])).toEqual([
      'catalog',
      'orders',
    ]);
  });

  it('names what is not a deployable service', () => {
    expect(() => selectServices(['catalog'], ['catalog', 'backoffice'])).toThrow(
      new UnknownServiceError('not a deployable service: backoffice (deployable: catalog)'),
    );
  });
});
