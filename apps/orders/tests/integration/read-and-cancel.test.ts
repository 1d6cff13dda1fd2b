import { customer, useOrdersService } from '../support/orders-api';
import { expectProblem } from '@platform/testing';

describe('reading and cancelling orders', () => {
  const service = useOrdersService();
  const tenant = 'tenant-c';
  let ann: Awaited<ReturnType<typeof customer>>;
  let bob: Awaited<ReturnType<typeof customer>>;
  let key = 0;
  const place = async (who: typeof ann, qty = 1) =>
    (await who.place({ lines: [{ sku: 'PEN-1', qty }] }, `key-${(key += 1)}`)).body;

  beforeAll(async () => {
    ann = await customer(service, tenant, 'ann');
    bob = await customer(service, tenant, 'bob');
    service().catalog.price(tenant, 'PEN-1', 100);
    service().inventory.set(tenant, 'PEN-1', 1000);
  });

  describe('GET /orders/{orderId}', () => {
    it('answers 200 with the caller’s own order', async () => {
      const order = await place(ann);
      const reply = await ann.get(String(order['orderId']));
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(order);
    });

    it("answers 404 for another customer's order, another tenant's, and a missing one, alike", async () => {
      const order = await place(ann);
      const id = String(order['orderId']);
      expectProblem(await bob.get(id), 404, 'not-found');
      const other = await customer(service, 'tenant-other', 'ann');
      expectProblem(await other.get(id), 404, 'not-found');
      expectProblem(await ann.get('01ARZ3NDEKTSV4RRFFQ69G5FAV'), 404, 'not-found');
    });

    it('answers 404, like any missing order, for an id that cannot be an order id', async () => {
      expectProblem(await ann.get('does-not-exist'), 404, 'not-found');
      expectProblem(await ann.get('x'.repeat(2000)), 404, 'not-found');
      expectProblem(await ann.cancel('does-not-exist'), 404, 'not-found');
    });
  });

  describe('GET /orders', () => {
    it("lists only the caller's orders, newest first, page by page", async () => {
      const cai = await customer(service, tenant, 'cai');
      const placed = [];
      for (let i = 0; i < 5; i += 1) placed.push(String((await place(cai))['orderId']));
      await place(bob);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const reply = await cai.list({ limit: '2', ...(cursor ? { cursor } : {}) });
        expect(reply.status).toBe(200);
        seen.push(...(reply.body['items'] as Array<{ orderId: string }>).map((o) => o.orderId));
        cursor = reply.body['nextCursor'] as string | null;
      } while (cursor);
      expect(seen).toEqual([...placed].reverse());
    });

    it("answers 400 for a cursor of another customer's list", async () => {
      const first = await ann.list({ limit: '1' });
      const cursor = String(first.body['nextCursor']);
      expectProblem(await bob.list({ cursor }), 400, 'invalid-cursor');
    });
  });

  describe('POST /orders/{orderId}/cancel', () => {
    it('answers 200 CANCELLED with version 2 and releases the stock once', async () => {
      const { inventory } = service();
      const before = inventory.stockOf(tenant, 'PEN-1')?.available ?? 0;
      const order = await place(ann, 5);
      expect(inventory.stockOf(tenant, 'PEN-1')?.available).toBe(before - 5);
      const reply = await ann.cancel(String(order['orderId']));
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ orderId: order['orderId'], status: 'CANCELLED', version: 2 });
      expect(inventory.stockOf(tenant, 'PEN-1')?.available).toBe(before);
      expect((await ann.get(String(order['orderId']))).body['status']).toBe('CANCELLED');
    });

    it('answers 409 already-cancelled the second time, releasing nothing more', async () => {
      const { inventory } = service();
      const order = await place(ann, 2);
      await ann.cancel(String(order['orderId']));
      const after = inventory.stockOf(tenant, 'PEN-1')?.available;
      expectProblem(await ann.cancel(String(order['orderId'])), 409, 'already-cancelled');
      expect(inventory.stockOf(tenant, 'PEN-1')?.available).toBe(after);
    });

    it('lets one of two concurrent cancels win; the other answers 409', async () => {
      const order = await place(ann, 3);
      const replies = await Promise.all([
        ann.cancel(String(order['orderId'])),
        ann.cancel(String(order['orderId'])),
      ]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    });

    it("answers 404 for another customer's order and leaves it confirmed", async () => {
      const order = await place(ann);
      expectProblem(await bob.cancel(String(order['orderId'])), 404, 'not-found');
      expect((await ann.get(String(order['orderId']))).body['status']).toBe('CONFIRMED');
    });

    it('cancels even when the release call fails: the hold is left reopened and expired, for the sweeper', async () => {
      const { inventory } = service();
      const order = await place(ann);
      const orderId = String(order['orderId']);
      inventory.fail('inventory-test-release');
      try {
        expect(await ann.cancel(orderId)).toMatchObject({ status: 200, body: { status: 'CANCELLED' } });
      } finally {
        inventory.fail(undefined);
      }
      const hold = await inventory.holdOf(tenant, orderId);
      expect(hold).toMatchObject({ status: 'HELD', openHold: 'HELD' });
      expect(Number((hold as unknown as { holdUntil: number }).holdUntil)).toBeLessThanOrEqual(Date.now());
      expectProblem(await ann.cancel(orderId), 409);
    });
  });

  describe('GET /orders/health', () => {
    it('answers 200 without a token', async () => {
      const reply = await ann.health();
      expect(reply).toMatchObject({ status: 200, body: { status: 'ok' } });
    });
  });
});
