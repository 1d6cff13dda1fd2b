import { e2eContext, expectProblem } from '../support/e2e-context';

const context = e2eContext();
const tenant = context.names.tenant('inventory');

describe('inventory: /inventory/stock', () => {
  let writer: string;
  let reader: string;

  beforeAll(async () => {
    writer = await context.token(tenant, 'stock-admin', 'inventory:read inventory:write');
    reader = await context.token(tenant, 'stock-reader', 'inventory:read');
  });

  it('sets what can be reserved (200) and reads it back', async () => {
    const sku = context.names.sku('BOX');
    const put = await context.api.call('PUT', `/inventory/stock/${sku}`, {
      token: writer,
      body: { available: 12 },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ sku, available: 12, reserved: 0, version: expect.any(Number) });
    const again = await context.api.call('PUT', `/inventory/stock/${sku}`, {
      token: writer,
      body: { available: 7 },
    });
    expect(again.body).toMatchObject({ sku, available: 7, reserved: 0 });

    const read = await context.api.call('GET', `/inventory/stock/${sku}`, { token: reader });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(again.body);
  });

  it('answers 404 for a sku without stock, 422 to a bad body, 403 without the scope', async () => {
    const sku = context.names.sku('NONE');
    expectProblem(await context.api.call('GET', `/inventory/stock/${sku}`, { token: reader }), 404);
    expectProblem(
      await context.api.call('PUT', `/inventory/stock/${sku}`, { token: writer, body: { available: -1 } }),
      422,
    );
    expectProblem(
      await context.api.call('PUT', `/inventory/stock/${sku}`, {
        token: writer,
        body: { available: 1, extra: true },
      }),
      422,
    );
    expectProblem(
      await context.api.call('PUT', `/inventory/stock/${sku}`, { token: reader, body: { available: 1 } }),
      403,
    );
    expectProblem(await context.api.call('GET', `/inventory/stock/${sku}`), 401);
  });
});
