import { e2eContext, expectHealthy, expectProblem } from '../support/e2e-context';

// Read-only (the prod canary runs only *.smoke.test.ts files, and its client refuses any write).
const context = e2eContext();

describe('inventory, read-only smoke', () => {
  it('GET /inventory/health answers 200 {"status":"ok"} without a token', async () => {
    expectHealthy(await context.api.call('GET', '/inventory/health'));
  });

  it('GET /inventory/stock/{sku} of a sku without stock answers 404 problem+json', async () => {
    const token = await context.token(context.names.tenant('smoke'), 'smoke', 'inventory:read');
    expectProblem(
      await context.api.call('GET', `/inventory/stock/${context.names.sku('NONE')}`, { token }),
      404,
    );
  });

  it('answers 403 to a token without inventory:read', async () => {
    const token = await context.token(context.names.tenant('smoke'), 'smoke', 'catalog:read');
    expectProblem(
      await context.api.call('GET', `/inventory/stock/${context.names.sku('NONE')}`, { token }),
      403,
    );
  });
});
