import { e2eContext, expectHealthy, expectProblem } from '../support/e2e-context';

// Read-only (the prod canary runs only *.smoke.test.ts files, and its client refuses any write).
const context = e2eContext();

describe('catalog, read-only smoke', () => {
  it('GET /catalog/health answers 200 {"status":"ok"} without a token', async () => {
    expectHealthy(await context.api.call('GET', '/catalog/health'));
  });

  it("GET /catalog/products answers 200 and a page of the caller's tenant", async () => {
    const token = await context.token(context.names.tenant('smoke'), 'smoke', 'catalog:read');
    const reply = await context.api.call('GET', '/catalog/products?limit=1', { token });
    expect({ status: reply.status, body: reply.body }).toEqual({
      status: 200,
      body: { items: [], nextCursor: null },
    });
  });

  it('GET /catalog/products/{sku} of a product that does not exist answers 404 problem+json', async () => {
    const token = await context.token(context.names.tenant('smoke'), 'smoke', 'catalog:read');
    expectProblem(
      await context.api.call('GET', `/catalog/products/${context.names.sku('NONE')}`, { token }),
      404,
    );
  });

  it('answers 401 without a token', async () => {
    expectProblem(await context.api.call('GET', '/catalog/products'), 401);
  });
});
