import { e2eContext, expectHealthy, expectProblem } from '../support/e2e-context';

// Read-only (the prod canary runs only *.smoke.test.ts files, and its client refuses any write).
const context = e2eContext();

describe('orders, read-only smoke', () => {
  it('GET /orders/health answers 200 {"status":"ok"} without a token', async () => {
    expectHealthy(await context.api.call('GET', '/orders/health'));
  });

  it("GET /orders answers 200 and the caller's orders (none for a fresh customer)", async () => {
    const token = await context.token(context.names.tenant('smoke'), 'smoke', 'orders:read');
    const reply = await context.api.call('GET', '/orders', { token });
    expect({ status: reply.status, body: reply.body }).toEqual({
      status: 200,
      body: { items: [], nextCursor: null },
    });
  });

  it('GET /orders/{orderId} of an order that does not exist answers 404 problem+json', async () => {
    const token = await context.token(context.names.tenant('smoke'), 'smoke', 'orders:read');
    expectProblem(await context.api.call('GET', '/orders/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token }), 404);
  });
});
