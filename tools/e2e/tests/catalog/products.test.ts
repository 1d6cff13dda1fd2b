import { bodyOf, e2eContext, expectProblem, putProduct } from '../support/e2e-context';

const context = e2eContext();
const tenant = context.names.tenant('catalog');

describe('catalog: /catalog/products', () => {
  let writer: string;
  let reader: string;

  beforeAll(async () => {
    writer = await context.token(tenant, 'catalog-admin', 'catalog:read catalog:write');
    reader = await context.token(tenant, 'catalog-reader', 'catalog:read');
  });

  it('creates (201) then replaces (200) a product, with ETag and an increasing version', async () => {
    const sku = context.names.sku('PEN');
    const created = await context.api.call('PUT', `/catalog/products/${sku}`, {
      token: writer,
      body: { name: 'Blue pen', priceCents: 150, currency: 'EUR' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      sku,
      name: 'Blue pen',
      priceCents: 150,
      currency: 'EUR',
      version: 1,
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
    });
    expect(created.headers.get('etag')).toBe('"1"');

    const replaced = await context.api.call('PUT', `/catalog/products/${sku}`, {
      token: writer,
      body: { name: 'Blue pen, fine', priceCents: 175, currency: 'EUR' },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ sku, name: 'Blue pen, fine', priceCents: 175, version: 2 });
    expect(replaced.headers.get('etag')).toBe('"2"');

    const read = await context.api.call('GET', `/catalog/products/${sku}`, { token: reader });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(replaced.body);
    expect(read.headers.get('etag')).toBe('"2"');
  });

  it('answers 412 to a write with a stale If-Match, and applies one with the current version', async () => {
    const sku = context.names.sku('INK');
    await putProduct(context, writer, sku, { priceCents: 300 });
    await putProduct(context, writer, sku, { priceCents: 310 });

    const stale = await context.api.call('PUT', `/catalog/products/${sku}`, {
      token: writer,
      headers: { 'if-match': '"1"' },
      body: { name: 'Ink', priceCents: 999, currency: 'EUR' },
    });
    expectProblem(stale, 412);
    const current = await context.api.call('PUT', `/catalog/products/${sku}`, {
      token: writer,
      headers: { 'if-match': '"2"' },
      body: { name: 'Ink', priceCents: 320, currency: 'EUR' },
    });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ priceCents: 320, version: 3 });
  });

  it('lists the tenant’s products ordered by sku, page by page with nextCursor', async () => {
    const listTenant = context.names.tenant('catalog-list');
    const token = await context.token(listTenant, 'lister', 'catalog:read catalog:write');
    const skus = ['D', 'A', 'E', 'C', 'B'].map((letter) => context.names.sku(`LIST-${letter}`));
    for (const sku of skus) await putProduct(context, token, sku, { priceCents: 100 });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${encodeURIComponent(cursor)}`;
      const page = await context.api.call('GET', `/catalog/products${query}`, { token });
      expect(page.status).toBe(200);
      const body = bodyOf(page) as { items: Array<{ sku: string }>; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((item) => item.sku));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(seen).toEqual([...skus].sort());
    expect(pages).toBe(3);
  });

  it('answers 400 to a cursor it did not issue, and 422 to a limit out of 1..100', async () => {
    expectProblem(
      await context.api.call('GET', '/catalog/products?cursor=not-a-cursor', { token: reader }),
      400,
    );
    expectProblem(await context.api.call('GET', '/catalog/products?limit=0', { token: reader }), 422);
    expectProblem(await context.api.call('GET', '/catalog/products?limit=101', { token: reader }), 422);
  });

  it('deletes a product (204), then answers 404 for it', async () => {
    const sku = context.names.sku('GONE');
    await putProduct(context, writer, sku, { priceCents: 50 });
    const deleted = await context.api.call('DELETE', `/catalog/products/${sku}`, { token: writer });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectProblem(await context.api.call('GET', `/catalog/products/${sku}`, { token: reader }), 404);
    expectProblem(await context.api.call('DELETE', `/catalog/products/${sku}`, { token: writer }), 404);
  });

  it('answers 422 with errors[] to a body the schema refuses, unknown fields included', async () => {
    const sku = context.names.sku('BAD');
    for (const body of [
      { name: 'x', priceCents: 1, currency: 'EUR', colour: 'blue' },
      { name: '', priceCents: 1, currency: 'EUR' },
      { name: 'x', priceCents: -1, currency: 'EUR' },
      { name: 'x', priceCents: 1.5, currency: 'EUR' },
      { name: 'x', priceCents: 1, currency: 'euro' },
    ]) {
      const problem = expectProblem(
        await context.api.call('PUT', `/catalog/products/${sku}`, { token: writer, body }),
        422,
      );
      expect(problem['errors']).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: expect.any(String), message: expect.any(String) }),
        ]),
      );
    }
    expectProblem(await context.api.call('GET', '/catalog/products/lower-case', { token: reader }), 422);
  });

  it('answers 401 without a valid token and 403 without the scope', async () => {
    const sku = context.names.sku('AUTH');
    const missing = await context.api.call('GET', `/catalog/products/${sku}`);
    expectProblem(missing, 401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expectProblem(await context.api.call('GET', `/catalog/products/${sku}`, { token: 'not.a.token' }), 401);
    const forbidden = await context.api.call('PUT', `/catalog/products/${sku}`, {
      token: reader,
      body: { name: 'x', priceCents: 1, currency: 'EUR' },
    });
    expectProblem(forbidden, 403);
    expect(forbidden.headers.get('www-authenticate')).toContain('insufficient_scope');
  });
});
