import {
  bodyOf,
  e2eContext,
  expectProblem,
  placeOrder,
  putProduct,
  putStock,
  stockOf,
} from '../support/e2e-context';

const context = e2eContext();
const tenant = context.names.tenant('orders');

describe('orders: place, read, list, cancel', () => {
  let admin: string;
  let customer: string;
  const pen = context.names.sku('PEN');
  const ink = context.names.sku('INK');
  const usd = context.names.sku('USD-CAP');

  beforeAll(async () => {
    admin = await context.token(tenant, 'admin', 'catalog:write inventory:write inventory:read');
    customer = await context.token(tenant, 'customer-1', 'orders:read orders:write catalog:read');
    await putProduct(context, admin, pen, { name: 'Pen', priceCents: 150 });
    await putProduct(context, admin, ink, { name: 'Ink', priceCents: 420 });
    await putProduct(context, admin, usd, { name: 'Cap', priceCents: 999, currency: 'USD' });
    await putStock(context, admin, pen, 100);
    await putStock(context, admin, ink, 10);
    await putStock(context, admin, usd, 10);
  });

  it('places an order (201) priced from the catalog, reserving its stock', async () => {
    const before = await stockOf(context, admin, ink);
    const reply = await placeOrder(context, customer, context.names.key('place'), [
      { sku: pen, qty: 2 },
      { sku: ink, qty: 3 },
    ]);
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      orderId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      status: 'CONFIRMED',
      lines: [
        { sku: pen, qty: 2, unitPriceCents: 150, currency: 'EUR' },
        { sku: ink, qty: 3, unitPriceCents: 420, currency: 'EUR' },
      ],
      totalCents: 2 * 150 + 3 * 420,
      currency: 'EUR',
      createdAt: expect.stringMatching(/Z$/),
      version: 1,
    });
    expect(await stockOf(context, admin, ink)).toMatchObject({
      available: Number(before['available']) - 3,
      reserved: Number(before['reserved']) + 3,
    });
  });

  it('reads an order, lists the customer’s orders newest first, cancels one (stock released) and refuses a second cancel (409)', async () => {
    const first = bodyOf(
      await placeOrder(context, customer, context.names.key('first'), [{ sku: pen, qty: 1 }]),
    );
    const second = bodyOf(
      await placeOrder(context, customer, context.names.key('second'), [{ sku: ink, qty: 2 }]),
    );

    const read = await context.api.call('GET', `/orders/${String(second['orderId'])}`, { token: customer });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(second);

    const list = await context.api.call('GET', '/orders?limit=100', { token: customer });
    expect(list.status).toBe(200);
    const ids = (bodyOf(list)['items'] as Array<{ orderId: string }>).map((order) => order.orderId);
    expect(ids.indexOf(String(second['orderId']))).toBeLessThan(ids.indexOf(String(first['orderId'])));
    expect(ids.indexOf(String(first['orderId']))).toBeGreaterThanOrEqual(0);

    const stockBefore = await stockOf(context, admin, ink);
    const cancelled = await context.api.call('POST', `/orders/${String(second['orderId'])}/cancel`, {
      token: customer,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ orderId: second['orderId'], status: 'CANCELLED' });
    expect(await stockOf(context, admin, ink)).toMatchObject({
      available: Number(stockBefore['available']) + 2,
      reserved: Number(stockBefore['reserved']) - 2,
    });
    expect(
      bodyOf(await context.api.call('GET', `/orders/${String(second['orderId'])}`, { token: customer }))[
        'status'
      ],
    ).toBe('CANCELLED');

    expectProblem(
      await context.api.call('POST', `/orders/${String(second['orderId'])}/cancel`, { token: customer }),
      409,
    );
    expect(await stockOf(context, admin, ink)).toMatchObject({
      available: Number(stockBefore['available']) + 2,
    });
  });

  it('answers a replay of the same key and body with the same order, moving stock once', async () => {
    const key = context.names.key('replay');
    const before = await stockOf(context, admin, pen);
    const first = await placeOrder(context, customer, key, [{ sku: pen, qty: 4 }]);
    const replay = await placeOrder(context, customer, key, [{ sku: pen, qty: 4 }]);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(bodyOf(replay)['orderId']).toBe(bodyOf(first)['orderId']);
    expect(replay.text).toBe(first.text); // the same response again, to the byte
    expect(await stockOf(context, admin, pen)).toMatchObject({
      available: Number(before['available']) - 4,
      reserved: Number(before['reserved']) + 4,
    });
    const listed = bodyOf(await context.api.call('GET', '/orders?limit=100', { token: customer }))[
      'items'
    ] as Array<{ orderId: string }>;
    expect(listed.filter((order) => order.orderId === bodyOf(first)['orderId'])).toHaveLength(1);
  });

  it('answers 409 idempotency-key-reused to the same key with another body', async () => {
    const key = context.names.key('reuse');
    expect((await placeOrder(context, customer, key, [{ sku: pen, qty: 1 }])).status).toBe(201);
    expectProblem(
      await placeOrder(context, customer, key, [{ sku: pen, qty: 2 }]),
      409,
      'idempotency-key-reused',
    );
  });

  it('answers 409 insufficient-stock and reserves nothing', async () => {
    const before = await stockOf(context, admin, ink);
    const reply = await placeOrder(context, customer, context.names.key('short'), [
      { sku: pen, qty: 1 },
      { sku: ink, qty: 1000 },
    ]);
    expectProblem(reply, 409, 'insufficient-stock');
    expect(await stockOf(context, admin, ink)).toEqual(
      expect.objectContaining({ available: before['available'], reserved: before['reserved'] }),
    );
  });

  it('answers 422 to an unknown sku, to lines in two currencies, and to a missing Idempotency-Key', async () => {
    expectProblem(
      await placeOrder(context, customer, context.names.key('unknown'), [
        { sku: context.names.sku('NOPE'), qty: 1 },
      ]),
      422,
    );
    expectProblem(
      await placeOrder(context, customer, context.names.key('mixed'), [
        { sku: pen, qty: 1 },
        { sku: usd, qty: 1 },
      ]),
      422,
    );
    expectProblem(
      await context.api.call('POST', '/orders', { token: customer, body: { lines: [{ sku: pen, qty: 1 }] } }),
      422,
    );
  });

  it('answers 404 for an order that does not exist, and 403 without orders:write', async () => {
    expectProblem(
      await context.api.call('GET', '/orders/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token: customer }),
      404,
    );
    const readOnly = await context.token(tenant, 'customer-1', 'orders:read');
    expectProblem(
      await placeOrder(context, readOnly, context.names.key('forbidden'), [{ sku: pen, qty: 1 }]),
      403,
    );
  });
});
