import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../src/dev-stack-process';
import { describeService } from '../src/service-info';
import { readServiceManifest, workspaceServices } from '../src/service-manifest';
import { runLocalCli } from './support/run-local-cli';

const inventory = () => readServiceManifest(join(WORKSPACE_ROOT, 'apps', 'inventory'));

describe('readServiceManifest', () => {
  it('lists each function with what runs it: a route, a schedule or an invoke only', () => {
    expect(inventory().functions.map((fn) => [fn.name, fn.triggers])).toEqual([
      ['health', ['GET /inventory/health']],
      ['putStock', ['PUT /inventory/stock/{sku}']],
      ['getStock', ['GET /inventory/stock/{sku}']],
      ['reserve', ['invoke only']],
      ['release', ['invoke only']],
      ['sweepHolds', ['schedule rate(1 minute)']],
    ]);
  });

  it("names the service's tables and their indexes for a stage", () => {
    expect(inventory().tables('staging')).toEqual([{ name: 'inventory-staging', indexes: ['open-holds'] }]);
  });
});

describe('workspaceServices', () => {
  it('finds every app with a serverless.yml', () => {
    expect(workspaceServices(WORKSPACE_ROOT)).toEqual(['catalog', 'inventory', 'orders']);
  });
});

describe('describeService', () => {
  it("shows every stage's URL and table, and the routes", () => {
    const text = describeService(
      readServiceManifest(join(WORKSPACE_ROOT, 'apps', 'orders')),
      'http://127.0.0.1:3000',
    );
    expect(text).toContain('local    http://127.0.0.1:3000/orders/ (make dev)');
    expect(text).toContain(
      'prod     https://<api-domain>/orders/ (api-domain: SSM /serverless-factory/prod/api-domain)',
    );
    expect(text).toContain('table orders-prod');
    expect(text).toMatch(/placeOrder +POST \/orders\n/);
  });
});

describe('info.ts', () => {
  it('prints the selected services only', () => {
    const run = runLocalCli('info', ['--services', 'catalog']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^catalog\n/);
    expect(run.stdout).toContain('deleteProduct  DELETE /catalog/products/{sku}');
    expect(run.stdout).not.toContain('inventory');
  });

  it('exits 2 on an unknown service, naming the known ones', () => {
    const run = runLocalCli('info', ['--services', 'nope']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown service: nope. Known services: catalog, inventory, orders.');
  });
});

describe('invoke.ts', () => {
  it('exits 2 without --service and --function', () => {
    const run = runLocalCli('invoke', ['--service', 'catalog']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('give --service and --function');
  });

  it('exits 1 saying to start the stack when no gateway answers on GATEWAY_PORT', () => {
    const run = runLocalCli('invoke', ['--service', 'catalog', '--function', 'health'], {
      GATEWAY_PORT: '3359',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no local stack answers at http://127.0.0.1:3359');
  });
});
