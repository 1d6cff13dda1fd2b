import { bodyOf, e2eContext, expectProblem, placeOrder, putProduct, putStock } from '../support/e2e-context';

const context = e2eContext();
const acme = context.names.tenant('acme');
const globex = context.names.tenant('globex');

describe('tenant isolation', () => {
  const sku = context.names.sku('SHARED');
  let orderId: string;
  let acmeAdmin: string;
  let acmeAnn: string;
  let acmeBob: string;
  let globexAdmin: string;

  beforeAll(async () => {
    acmeAdmin = await context.token(acme, 'admin');
    acmeAnn = await context.token(acme, 'ann');
    acmeBob = await context.token(acme, 'bob');
    globexAdmin = await context.token(globex, 'admin');
    await putProduct(context, acmeAdmin, sku, { priceCents: 500 });
    await putStock(context, acmeAdmin, sku, 5);
    const placed = await placeOrder(context, acmeAnn, context.names.key('acme'), [{ sku, qty: 1 }]);
    expect(placed.status).toBe(201);
    orderId = String(bodyOf(placed)['orderId']);
  });

  it("answers 404 for another tenant's product, stock and order, as for missing ones", async () => {
    expectProblem(await context.api.call('GET', `/catalog/products/${sku}`, { token: globexAdmin }), 404);
    expectProblem(await context.api.call('GET', `/inventory/stock/${sku}`, { token: globexAdmin }), 404);
    expectProblem(await context.api.call('GET', `/orders/${orderId}`, { token: globexAdmin }), 404);
    expectProblem(await context.api.call('POST', `/orders/${orderId}/cancel`, { token: globexAdmin }), 404);
    expectProblem(await context.api.call('DELETE', `/catalog/products/${sku}`, { token: globexAdmin }), 404);
    const list = await context.api.call('GET', '/catalog/products', { token: globexAdmin });
    expect(list.body).toEqual({ items: [], nextCursor: null });
  });

  it("cannot order another tenant's product: it is unknown there", async () => {
    expectProblem(
      await placeOrder(context, globexAdmin, context.names.key('globex'), [{ sku, qty: 1 }]),
      422,
    );
  });

  it("answers 404 for another customer's order in the same tenant, and leaves it out of their list", async () => {
    expectProblem(await context.api.call('GET', `/orders/${orderId}`, { token: acmeBob }), 404);
    expectProblem(await context.api.call('POST', `/orders/${orderId}/cancel`, { token: acmeBob }), 404);
    expect((await context.api.call('GET', '/orders', { token: acmeBob })).body).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await context.api.call('GET', `/orders/${orderId}`, { token: acmeAnn })).status).toBe(200);
  });

  it("leaves the owner's data as it was", async () => {
    expect((await context.api.call('GET', `/catalog/products/${sku}`, { token: acmeAdmin })).status).toBe(
      200,
    );
    expect(bodyOf(await context.api.call('GET', `/orders/${orderId}`, { token: acmeAnn }))['status']).toBe(
      'CONFIRMED',
    );
  });
});
