import { caller, useInventoryTable } from '../support/inventory-api';
import { expectProblem } from '@platform/testing';

describe('inventory stock routes', () => {
  useInventoryTable();

  describe('PUT /inventory/stock/{sku}', () => {
    it('creates stock with reserved 0 and answers 200 stock', async () => {
      const a = await caller('tenant-a');
      const reply = await a.put('PEN-1', { available: 7 });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ sku: 'PEN-1', available: 7, reserved: 0, version: 1 });
    });

    it('sets available again, keeping reserved, version + 1', async () => {
      const a = await caller('tenant-a');
      await a.put('PEN-2', { available: 1 });
      expect((await a.put('PEN-2', { available: 0 })).body).toEqual({
        sku: 'PEN-2',
        available: 0,
        reserved: 0,
        version: 2,
      });
    });

    it.each([
      ['negative', { available: -1 }],
      ['fractional', { available: 1.5 }],
      ['missing', {}],
      ['unknown field', { available: 1, reserved: 3 }],
    ])('answers 422 for %s available and writes nothing', async (_case, body) => {
      const a = await caller('tenant-a');
      expectProblem(await a.put('BAD-1', body), 422);
      expectProblem(await a.get('BAD-1'), 404);
    });

    it('answers 400 for malformed JSON, 415 for non-JSON, 401 without token, 403 without scope', async () => {
      const a = await caller('tenant-a');
      expectProblem(await a.put('PEN-3', '{', { headers: { 'content-type': 'application/json' } }), 400);
      expectProblem(await a.put('PEN-3', 'x', { headers: { 'content-type': 'text/plain' } }), 415);
      expectProblem(await a.put('PEN-3', { available: 1 }, { token: null }), 401);
      expectProblem(await (await caller('tenant-a', 'inventory:read')).put('PEN-3', { available: 1 }), 403);
    });
  });

  describe('GET /inventory/stock/{sku}', () => {
    it("answers 200 stock, and 404 for a missing sku and for another tenant's stock", async () => {
      const a = await caller('tenant-a');
      const b = await caller('tenant-b');
      await a.put('INK-1', { available: 3 });
      expect((await a.get('INK-1')).body).toEqual({ sku: 'INK-1', available: 3, reserved: 0, version: 1 });
      expectProblem(await b.get('INK-1'), 404);
      expectProblem(await b.get('NONE-1'), 404);
    });

    it('answers 422 for a malformed sku and 403 without inventory:read', async () => {
      const a = await caller('tenant-a');
      expectProblem(await a.get('bad sku'), 422);
      expectProblem(await (await caller('tenant-a', 'inventory:write')).get('INK-1'), 403);
    });
  });
});
