import { caller, useCatalogTable } from '../support/catalog-api';
import { expectProblem } from '@platform/testing';

const pen = { name: 'Fountain pen', priceCents: 2500, currency: 'EUR' };

describe('catalog products', () => {
  useCatalogTable();
  let a: Awaited<ReturnType<typeof caller>>;
  let b: Awaited<ReturnType<typeof caller>>;
  beforeAll(async () => {
    a = await caller('tenant-a');
    b = await caller('tenant-b');
  });

  describe('PUT /catalog/products/{sku}', () => {
    it('creates a product: 201, version 1, ETag and Location', async () => {
      const reply = await a.put('PEN-1', pen);
      expect(reply.status).toBe(201);
      expect(reply.headers['etag']).toBe('"1"');
      expect(reply.headers['location']).toBe('/catalog/products/PEN-1');
      expect(reply.body).toEqual({ sku: 'PEN-1', ...pen, version: 1, updatedAt: expect.any(String) });
      expect(new Date(String(reply.body['updatedAt'])).toISOString()).toBe(reply.body['updatedAt']);
    });

    it('replaces an existing product: 200 and version + 1', async () => {
      await a.put('PEN-2', pen);
      const reply = await a.put('PEN-2', { ...pen, priceCents: 2600 });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ priceCents: 2600, version: 2 });
      expect(reply.headers['etag']).toBe('"2"');
    });

    it('replaces when If-Match names the current version, and answers 412 when it is stale', async () => {
      await a.put('PEN-3', pen);
      const fresh = await a.put('PEN-3', { ...pen, name: 'v2' }, { headers: { 'if-match': '"1"' } });
      expect(fresh.status).toBe(200);
      const stale = await a.put('PEN-3', { ...pen, name: 'v3' }, { headers: { 'if-match': '"1"' } });
      expectProblem(stale, 412);
      expect((await a.get('PEN-3')).body).toMatchObject({ name: 'v2', version: 2 });
    });

    it('answers 412 for If-Match on a product that does not exist, and creates nothing', async () => {
      expectProblem(await a.put('PEN-NEW', pen, { headers: { 'if-match': '"1"' } }), 412);
      expect((await a.get('PEN-NEW')).status).toBe(404);
    });

    it('gives every concurrent writer of a new sku one version: one 201, the rest 200', async () => {
      const replies = await Promise.all(
        Array.from({ length: 8 }, (_, i) => a.put('RACE-1', { ...pen, priceCents: i })),
      );
      expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
      expect(replies.filter((r) => r.status === 200)).toHaveLength(7);
      expect(new Set(replies.map((r) => r.body['version']))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
      expect((await a.get('RACE-1')).body['version']).toBe(8);
    });

    it.each([
      ['missing name', { priceCents: 1, currency: 'EUR' }, 'body.name'],
      ['empty name', { ...pen, name: '' }, 'body.name'],
      ['name over 200 chars', { ...pen, name: 'x'.repeat(201) }, 'body.name'],
      ['negative price', { ...pen, priceCents: -1 }, 'body.priceCents'],
      ['fractional price', { ...pen, priceCents: 1.5 }, 'body.priceCents'],
      ['price over 1e9', { ...pen, priceCents: 1_000_000_001 }, 'body.priceCents'],
      ['lower-case currency', { ...pen, currency: 'eur' }, 'body.currency'],
      ['unknown field', { ...pen, colour: 'blue' }, 'body.colour'],
    ])('answers 422 for %s and writes nothing', async (_case, body, path) => {
      const reply = await a.put('BAD-1', body);
      expectProblem(reply, 422);
      expect(reply.body['errors']).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
      expect((await a.get('BAD-1')).status).toBe(404);
    });

    it('answers 422 for a sku that breaks the pattern', async () => {
      const reply = await a.put('lower-case', pen);
      expectProblem(reply, 422);
      expect(reply.body['errors']).toEqual([expect.objectContaining({ path: 'path.sku' })]);
    });

    it('answers 400 for malformed JSON, 415 for a non-JSON body, 413 over 64 KiB', async () => {
      expectProblem(
        await a.put('PEN-9', '{"name":', { headers: { 'content-type': 'application/json' } }),
        400,
      );
      expectProblem(await a.put('PEN-9', 'name=x', { headers: { 'content-type': 'text/plain' } }), 415);
      expectProblem(await a.put('PEN-9', { ...pen, name: 'x'.repeat(70_000) }), 413);
      expect((await a.get('PEN-9')).status).toBe(404);
    });

    it('answers 401 without a token and 403 without catalog:write', async () => {
      expectProblem(await a.put('PEN-8', pen, { token: null }), 401);
      const reader = await caller('tenant-a', 'catalog:read');
      expectProblem(await reader.put('PEN-8', pen), 403);
    });
  });

  describe('GET /catalog/products/{sku}', () => {
    it('answers 200 with the product and its ETag', async () => {
      await a.put('INK-1', pen);
      const reply = await a.get('INK-1');
      expect(reply.status).toBe(200);
      expect(reply.headers['etag']).toBe('"1"');
      expect(reply.body).toMatchObject({ sku: 'INK-1', ...pen, version: 1 });
    });

    it("answers 404 for a missing product and for another tenant's product, alike", async () => {
      await a.put('INK-2', pen);
      const missing = await b.get('NOPE-1');
      const foreign = await b.get('INK-2');
      expectProblem(missing, 404);
      expectProblem(foreign, 404);
      expect(foreign.body['detail']).toBe(`No product INK-2.`);
      expect(missing.body['type']).toBe(foreign.body['type']);
    });

    it('answers 403 without catalog:read', async () => {
      const writer = await caller('tenant-a', 'catalog:write');
      expectProblem(await writer.get('INK-1'), 403);
    });
  });

  describe('GET /catalog/products', () => {
    let lister: Awaited<ReturnType<typeof caller>>;
    beforeAll(async () => {
      lister = await caller('tenant-list');
      for (const sku of ['C-3', 'A-1', 'B-2', 'E-5', 'D-4']) await lister.put(sku, pen);
    });

    it("lists the tenant's products ordered by sku, 20 by default", async () => {
      const reply = await lister.list();
      expect(reply.status).toBe(200);
      expect((reply.body['items'] as Array<{ sku: string }>).map((p) => p.sku)).toEqual([
        'A-1',
        'B-2',
        'C-3',
        'D-4',
        'E-5',
      ]);
      expect(reply.body['nextCursor']).toBeNull();
    });

    it('pages with limit and nextCursor, each product exactly once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: Record<string, string> = { limit: '2', ...(cursor ? { cursor } : {}) };
        const reply = await lister.list(query);
        expect(reply.status).toBe(200);
        seen.push(...(reply.body['items'] as Array<{ sku: string }>).map((p) => p.sku));
        cursor = reply.body['nextCursor'] as string | null;
        pages += 1;
      } while (cursor);
      expect(seen).toEqual(['A-1', 'B-2', 'C-3', 'D-4', 'E-5']);
      expect(pages).toBe(3);
    });

    it("never shows another tenant's products", async () => {
      const other = await caller('tenant-empty');
      expect((await other.list()).body).toEqual({ items: [], nextCursor: null });
    });

    it('answers 400 for a tampered cursor and for a cursor of another tenant', async () => {
      const first = await lister.list({ limit: '1' });
      const cursor = String(first.body['nextCursor']);
      const tampered = cursor.slice(0, -2) + (cursor.endsWith('A') ? 'BB' : 'AA');
      expectProblem(await lister.list({ cursor: tampered }), 400);
      const other = await caller('tenant-other');
      const foreign = await other.list({ cursor });
      expectProblem(foreign, 400);
      expect(String(foreign.body['type'])).toMatch(/\/invalid-cursor$/);
    });

    it.each(['0', '101', 'ten'])('answers 422 for limit=%s', async (limit) => {
      expectProblem(await lister.list({ limit }), 422);
    });
  });

  describe('DELETE /catalog/products/{sku}', () => {
    it('answers 204, then 404', async () => {
      await a.put('DEL-1', pen);
      const removed = await a.remove('DEL-1');
      expect(removed.status).toBe(204);
      expect(removed.body).toEqual({});
      expectProblem(await a.get('DEL-1'), 404);
      expectProblem(await a.remove('DEL-1'), 404);
    });

    it("answers 404 for another tenant's product and leaves it in place", async () => {
      await a.put('DEL-2', pen);
      expectProblem(await b.remove('DEL-2'), 404);
      expect((await a.get('DEL-2')).status).toBe(200);
    });

    it('honours If-Match: 412 when stale, 204 when current', async () => {
      await a.put('DEL-3', pen);
      await a.put('DEL-3', pen);
      expectProblem(await a.remove('DEL-3', { headers: { 'if-match': '"1"' } }), 412);
      expect((await a.remove('DEL-3', { headers: { 'if-match': '"2"' } })).status).toBe(204);
    });
  });

  describe('GET /catalog/health', () => {
    it('answers 200 {"status":"ok"} without a token', async () => {
      const reply = await a.health();
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ status: 'ok' });
    });
  });
});
