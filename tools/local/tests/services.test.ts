import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProjectGraph } from '@platform/ci';
import { UnknownServiceError } from '../src/errors';
import { discoverServices } from '../src/services';
import { WORKSPACE_ROOT } from '../src/dev-stack-process';

describe('discoverServices', () => {
  let root: string;
  const graph = parseProjectGraph({
    projects: {
      payments: { root: 'apps/payments', tags: ['type:app', 'scope:payments'] },
      catalog: { root: 'apps/catalog', tags: ['type:app', 'scope:catalog'] },
      'web-ui': { root: 'apps/web-ui', tags: ['type:app'] },
      auth: { root: 'libs/auth', tags: ['type:lib'] },
      stray: { root: 'apps/stray', tags: ['scope:x'] },
    },
  });
  const load = (): Promise<typeof graph> => Promise.resolve(graph);

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ws-'));
    for (const project of ['apps/payments', 'apps/catalog', 'apps/stray', 'libs/auth']) {
      mkdirSync(join(root, project), { recursive: true });
      writeFileSync(join(root, project, 'serverless.yml'), 'service: x\n');
    }
    mkdirSync(join(root, 'apps/web-ui'), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps the projects tagged type:app that have a serverless.yml, sorted', async () => {
    expect(await discoverServices(root, undefined, load)).toEqual([
      { name: 'catalog', dir: join(root, 'apps/catalog') },
      { name: 'payments', dir: join(root, 'apps/payments') },
    ]);
  });

  it('keeps only the named ones', async () => {
    expect(await discoverServices(root, ['payments'], load)).toEqual([
      { name: 'payments', dir: join(root, 'apps/payments') },
    ]);
  });

  it('rejects a name that is not a service, listing the known ones', async () => {
    const error = await discoverServices(root, ['payments', 'web-ui', 'nope'], load).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UnknownServiceError);
    expect((error as Error).message).toBe(
      'unknown services: web-ui, nope. Known services: catalog, payments.',
    );
  });

  it("finds this workspace's services from its real Nx project graph", async () => {
    const services = await discoverServices(WORKSPACE_ROOT);
    expect(services.map((service) => service.name)).toEqual(
      expect.arrayContaining(['catalog', 'inventory', 'orders']),
    );
    for (const service of services) expect(service.dir).toBe(join(WORKSPACE_ROOT, 'apps', service.name));
  }, 60_000);
});
