import { bodyOf, e2eContext, placeOrder, putProduct, putStock, stockOf } from '../support/e2e-context';

const context = e2eContext();
const tenant = context.names.tenant('rush');
const ORDERS = 60;
const STOCK = 20;

describe('60 parallel orders of 1 unit for 20 in stock', () => {
  it('confirms exactly 20, refuses 40 as insufficient-stock, and ends with 0 available and 20 reserved', async () => {
    const admin = await context.token(tenant, 'admin');
    const sku = context.names.sku('LIMITED');
    await putProduct(context, admin, sku, { priceCents: 2500 });
    await putStock(context, admin, sku, STOCK);
    const customers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        context.token(tenant, `customer-${i}`, 'orders:write orders:read catalog:read'),
      ),
    );

    const replies = await Promise.all(
      Array.from({ length: ORDERS }, (_, i) =>
        placeOrder(context, customers[i % customers.length] ?? admin, context.names.key(`rush-${i}`), [
          { sku, qty: 1 },
        ]),
      ),
    );

    // Status and problem type of every answer, counted: a failure shows what came instead.
    const outcomes: Record<string, number> = {};
    for (const reply of replies) {
      const type = reply.status === 201 ? '' : ` ${String(bodyOf(reply)['type']).split('/').pop()}`;
      const outcome = `${reply.status}${type}`;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    expect(outcomes).toEqual({ '201': STOCK, '409 insufficient-stock': ORDERS - STOCK });
    const orderIds = new Set(replies.filter((r) => r.status === 201).map((r) => bodyOf(r)['orderId']));
    expect(orderIds.size).toBe(STOCK);
    expect(await stockOf(context, admin, sku)).toMatchObject({ sku, available: 0, reserved: STOCK });
  });
});
