import { customer, useOrdersService } from '../support/orders-api';
import { expectProblem } from '@platform/testing';

describe('POST /orders', () => {
  const service = useOrdersService();
  const tenant = 'tenant-o';
  let ann: Awaited<ReturnType<typeof customer>>;
  beforeAll(async () => {
    ann = await customer(service, tenant, 'ann');
    const { catalog, inventory } = service();
    catalog.price(tenant, 'PEN-1', 250);
    catalog.price(tenant, 'INK-1', 400);
    catalog.price(tenant, 'USD-1', 100, 'USD');
    catalog.price(tenant, 'GHOST-1', 100);
    inventory.set(tenant, 'PEN-1', 100);
    inventory.set(tenant, 'INK-1', 100);
    inventory.set(tenant, 'USD-1', 100);
  });

  it('prices lines from the catalog, reserves them at inventory, and answers 201 with the order', async () => {
    const reply = await ann.place(
      {
        lines: [
          { sku: 'PEN-1', qty: 2 },
          { sku: 'INK-1', qty: 1 },
        ],
      },
      'key-basic-1',
      {
        'x-correlation-id': 'corr-place-0001',
      },
    );
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      orderId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      status: 'CONFIRMED',
      lines: [
        { sku: 'PEN-1', qty: 2, unitPriceCents: 250, currency: 'EUR' },
        { sku: 'INK-1', qty: 1, unitPriceCents: 400, currency: 'EUR' },
      ],
      totalCents: 900,
      currency: 'EUR',
      createdAt: expect.any(String),
      version: 1,
    });
    expect(reply.headers['location']).toBe(`/orders/${String(reply.body['orderId'])}`);
    expect(service().inventory.stockOf(tenant, 'PEN-1')).toEqual({ available: 98, reserved: 2 });
  });

  it("forwards the caller's token and the correlation id to catalog and inventory", async () => {
    const { catalog, inventory } = service();
    catalog.seen.length = 0;
    inventory.calls.length = 0;
    await ann.place({ lines: [{ sku: 'PEN-1', qty: 1 }] }, 'key-forward-1', {
      'x-correlation-id': 'corr-forward-001',
    });
    expect(catalog.seen).toEqual([
      { sku: 'PEN-1', authorization: `Bearer ${ann.token}`, correlationId: 'corr-forward-001' },
    ]);
    expect(inventory.calls).toEqual([
      {
        function: 'inventory-test-reserve',
        payload: expect.objectContaining({
          token: ann.token,
          correlationId: 'corr-forward-001',
          lines: [{ sku: 'PEN-1', qty: 1 }],
        }),
      },
    ]);
  });

  describe('idempotency', () => {
    it('answers a replay of the same key and body with the same order, reserving once', async () => {
      const { inventory } = service();
      inventory.calls.length = 0;
      const body = { lines: [{ sku: 'INK-1', qty: 3 }] };
      const first = await ann.place(body, 'key-replay-1');
      const second = await ann.place(body, 'key-replay-1');
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      // The same answer to the letter: members in the same order, not just equal.
      expect(JSON.stringify(second.body)).toBe(JSON.stringify(first.body));
      expect(second.headers['location']).toBe(first.headers['location']);
      expect(inventory.calls.filter((c) => c.function === 'inventory-test-reserve')).toHaveLength(1);
      const listed = (await ann.list({ limit: '100' })).body['items'] as Array<{ orderId: string }>;
      expect(listed.filter((o) => o.orderId === first.body['orderId'])).toHaveLength(1);
    });

    it('answers 409 idempotency-key-reused for the same key with another body', async () => {
      await ann.place({ lines: [{ sku: 'INK-1', qty: 1 }] }, 'key-reuse-1');
      expectProblem(
        await ann.place({ lines: [{ sku: 'INK-1', qty: 2 }] }, 'key-reuse-1'),
        409,
        'idempotency-key-reused',
      );
    });

    it("scopes keys per customer: another customer's or another tenant's same key is a request of its own", async () => {
      const body = { lines: [{ sku: 'PEN-1', qty: 1 }] };
      const first = await ann.place(body, 'key-shared-1');
      const bob = await customer(service, tenant, 'bob');
      const other = await bob.place(body, 'key-shared-1');
      expect(first.status).toBe(201);
      expect(other.status).toBe(201); // same tenant + key, another customer: not a replay, not a conflict
      expect(other.body['orderId']).not.toBe(first.body['orderId']);
      const stranger = await customer(service, 'tenant-z', 'ann');
      expectProblem(await stranger.place(body, 'key-shared-1'), 422, 'unknown-sku'); // tenant-z sells nothing: a fresh request
    });

    it('places one order when the same request arrives concurrently', async () => {
      const { inventory } = service();
      inventory.calls.length = 0;
      const body = { lines: [{ sku: 'PEN-1', qty: 1 }] };
      const replies = await Promise.all(Array.from({ length: 5 }, () => ann.place(body, 'key-concurrent-1')));
      const ids = new Set(replies.filter((r) => r.status === 201).map((r) => r.body['orderId']));
      expect(ids.size).toBe(1);
      for (const r of replies.filter((x) => x.status !== 201))
        expectProblem(r, 409, 'idempotency-key-in-progress');
      expect(inventory.calls.filter((c) => c.function === 'inventory-test-reserve')).toHaveLength(1);
    });
  });

  describe('rejections', () => {
    it('answers 409 insufficient-stock and writes no order', async () => {
      const bea = await customer(service, tenant, 'bea');
      const reply = await bea.place(
        {
          lines: [
            { sku: 'PEN-1', qty: 1 },
            { sku: 'INK-1', qty: 1000 },
          ],
        },
        'key-short-1',
      );
      expectProblem(reply, 409, 'insufficient-stock');
      expect(reply.body['sku']).toBe('INK-1');
      expect((await bea.list()).body['items']).toEqual([]);
    });

    it('answers 422 for a sku the catalog does not sell, and reserves nothing', async () => {
      const { inventory } = service();
      inventory.calls.length = 0;
      expectProblem(
        await ann.place({ lines: [{ sku: 'NOPE-1', qty: 1 }] }, 'key-unknown-1'),
        422,
        'unknown-sku',
      );
      expect(inventory.calls).toEqual([]);
    });

    it('answers 422 for a sku inventory does not stock', async () => {
      expectProblem(
        await ann.place({ lines: [{ sku: 'GHOST-1', qty: 1 }] }, 'key-ghost-1'),
        422,
        'unknown-sku',
      );
    });

    it('answers 422 for lines in more than one currency', async () => {
      expectProblem(
        await ann.place(
          {
            lines: [
              { sku: 'PEN-1', qty: 1 },
              { sku: 'USD-1', qty: 1 },
            ],
          },
          'key-mixed-1',
        ),
        422,
        'mixed-currency',
      );
    });

    it.each([
      ['no lines', { lines: [] }],
      ['51 lines', { lines: Array.from({ length: 51 }, (_, i) => ({ sku: `S-${i}`, qty: 1 })) }],
      [
        'duplicate skus',
        {
          lines: [
            { sku: 'PEN-1', qty: 1 },
            { sku: 'PEN-1', qty: 2 },
          ],
        },
      ],
      ['qty 0', { lines: [{ sku: 'PEN-1', qty: 0 }] }],
      ['qty 1001', { lines: [{ sku: 'PEN-1', qty: 1001 }] }],
      ['a bad sku', { lines: [{ sku: 'pen', qty: 1 }] }],
      ['an unknown field', { lines: [{ sku: 'PEN-1', qty: 1 }], note: 'x' }],
    ])('answers 422 for %s', async (_case, body) => {
      expectProblem(
        await ann.place(body, `key-invalid-${_case.replace(/\W/g, '')}`),
        422,
        'validation-error',
      );
    });

    it('answers 422 without an Idempotency-Key or with a malformed one', async () => {
      const body = { lines: [{ sku: 'PEN-1', qty: 1 }] };
      const missing = await ann.place(body, undefined);
      expectProblem(missing, 422);
      expect(missing.body['errors']).toEqual([expect.objectContaining({ path: 'header.idempotency-key' })]);
      expectProblem(await ann.place(body, 'has spaces'), 422);
      expectProblem(await ann.place(body, 'x'.repeat(129)), 422);
    });

    it('answers 400, 401, 403 and 415 like every route', async () => {
      expectProblem(await ann.place('{"lines":', 'key-400', { 'content-type': 'application/json' }), 400);
      expectProblem(await ann.place('lines', 'key-415', { 'content-type': 'text/plain' }), 415);
      const reader = await customer(service, tenant, 'ann', 'orders:read');
      expectProblem(await reader.place({ lines: [{ sku: 'PEN-1', qty: 1 }] }, 'key-403'), 403);
    });
  });

  describe('failures of the services it calls', () => {
    it('answers 503 with Retry-After when the catalog fails, and reserves nothing', async () => {
      const { catalog, inventory } = service();
      inventory.calls.length = 0;
      catalog.failWith(500);
      try {
        const reply = await ann.place({ lines: [{ sku: 'PEN-1', qty: 1 }] }, 'key-catalog-down');
        expectProblem(reply, 503);
        expect(reply.headers['retry-after']).toBeDefined();
        expect(inventory.calls).toEqual([]);
      } finally {
        catalog.failWith(undefined);
      }
    });

    it('answers 503 when reserve fails, and releases whatever it may have reserved', async () => {
      const { inventory } = service();
      inventory.calls.length = 0;
      inventory.fail('inventory-test-reserve');
      try {
        expectProblem(await ann.place({ lines: [{ sku: 'PEN-1', qty: 1 }] }, 'key-reserve-down'), 503);
        expect(inventory.calls.map((c) => c.function)).toContain('inventory-test-release');
      } finally {
        inventory.fail(undefined);
      }
    });

    it('can be retried with the same key after a failure', async () => {
      const { catalog } = service();
      catalog.failWith(503);
      const body = { lines: [{ sku: 'PEN-1', qty: 1 }] };
      expectProblem(await ann.place(body, 'key-retry-1'), 503);
      catalog.failWith(undefined);
      expect((await ann.place(body, 'key-retry-1')).status).toBe(201);
    });

    it('retries a key whose reserve failed as the same order: one hold, over the closed first try', async () => {
      const { inventory } = service();
      inventory.calls.length = 0;
      const before = inventory.stockOf(tenant, 'INK-1')?.available ?? 0;
      const body = { lines: [{ sku: 'INK-1', qty: 2 }] };
      inventory.fail('inventory-test-reserve');
      try {
        expectProblem(await ann.place(body, 'key-same-order-1'), 503);
      } finally {
        inventory.fail(undefined);
      }
      const retry = await ann.place(body, 'key-same-order-1');
      expect(retry.status).toBe(201);
      const orderIds = new Set(inventory.calls.map((c) => c.payload['orderId']));
      expect(orderIds).toEqual(new Set([retry.body['orderId']]));
      expect(inventory.calls.map((c) => c.function)).toEqual([
        'inventory-test-reserve',
        'inventory-test-release',
        'inventory-test-reserve',
      ]);
      expect(inventory.stockOf(tenant, 'INK-1')?.available).toBe(before - 2);
      expect(await inventory.holdOf(tenant, String(retry.body['orderId']))).toMatchObject({
        status: 'CONFIRMED',
      });
    });

    it('answers 409 idempotency-key-reused when a failed key is retried with another body', async () => {
      const { catalog } = service();
      catalog.failWith(503);
      try {
        expectProblem(await ann.place({ lines: [{ sku: 'PEN-1', qty: 1 }] }, 'key-other-body-1'), 503);
      } finally {
        catalog.failWith(undefined);
      }
      expectProblem(
        await ann.place({ lines: [{ sku: 'PEN-1', qty: 2 }] }, 'key-other-body-1'),
        409,
        'idempotency-key-reused',
      );
    });

    it('never follows a catalog redirect (the token would go with it): 503, nothing reserved', async () => {
      const { catalog, inventory } = service();
      inventory.calls.length = 0;
      catalog.redirectTo('http://127.0.0.1:9/elsewhere');
      try {
        const reply = await ann.place({ lines: [{ sku: 'PEN-1', qty: 1 }] }, 'key-redirect-1');
        expectProblem(reply, 503);
        expect(reply.headers['retry-after']).toBeDefined();
        expect(inventory.calls).toEqual([]);
      } finally {
        catalog.redirectTo(undefined);
      }
    });

    it('stops reading prices at the first sku catalog does not sell: 422 naming it, the other reads cancelled', async () => {
      const { catalog, inventory } = service();
      catalog.seen.length = 0;
      inventory.calls.length = 0;
      const lines = Array.from({ length: 40 }, (_, i) => ({ sku: `NOPE-${i + 1}`, qty: 1 }));
      const reply = await ann.place({ lines }, 'key-unknown-many-1');
      expectProblem(reply, 422, 'unknown-sku');
      expect(String(reply.body['detail'])).toMatch(/^Unknown sku NOPE-\d+\.$/);
      expect(catalog.seen.length).toBeLessThanOrEqual(16); // 8 at a time: the first batch, not all 40
      expect(inventory.calls).toEqual([]);
    });
  });
});
