import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findFreePort } from '@platform/testing';
import { DEMO_CATALOG, seedDemoData } from '../src/demo-data';
import { GatewayUnreachableError, LocalStackError } from '../src/errors';

/** A gateway stand-in that records the calls and answers like catalog and inventory do. */
async function recordingGateway(): Promise<{
  url: string;
  calls: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: unknown }>;
  close(): Promise<void>;
}> {
  const calls: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: unknown }> = [];
  const known = new Set<string>();
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const url = req.url ?? '';
      calls.push({ method: req.method ?? '', url, headers: req.headers, body: JSON.parse(text) as unknown });
      if (url.includes('FORBIDDEN')) {
        res.writeHead(403, { 'content-type': 'application/problem+json' }).end('{"status":403}');
        return;
      }
      const created = url.startsWith('/catalog/') && !known.has(url);
      known.add(url);
      res.writeHead(created ? 201 : 200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('seedDemoData', () => {
  it('puts every product and sets its stock with the token, and says what it created or replaced', async () => {
    const gateway = await recordingGateway();
    try {
      const first = await seedDemoData(gateway.url, 'tok');
      expect(first).toEqual(
        DEMO_CATALOG.map((item) => ({ sku: item.sku, product: 'created', available: item.available })),
      );
      const [product, stock] = gateway.calls;
      expect(product).toMatchObject({
        method: 'PUT',
        url: `/catalog/products/${DEMO_CATALOG[0]?.sku}`,
        body: { name: DEMO_CATALOG[0]?.name, priceCents: DEMO_CATALOG[0]?.priceCents, currency: 'EUR' },
      });
      expect(product?.headers['authorization']).toBe('Bearer tok');
      expect(product?.headers['x-correlation-id']).toMatch(/^seed-/);
      expect(stock).toMatchObject({
        method: 'PUT',
        url: `/inventory/stock/${DEMO_CATALOG[0]?.sku}`,
        body: { available: DEMO_CATALOG[0]?.available },
      });

      const again = await seedDemoData(gateway.url, 'tok');
      expect(again.every((item) => item.product === 'replaced')).toBe(true);
    } finally {
      await gateway.close();
    }
  });

  it('names the status and body of a refused write', async () => {
    const gateway = await recordingGateway();
    try {
      const error = await seedDemoData(gateway.url, 'tok', [
        { sku: 'FORBIDDEN', name: 'x', priceCents: 1, currency: 'EUR', available: 1 },
      ]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LocalStackError);
      expect((error as Error).message).toBe('PUT /catalog/products/FORBIDDEN answered 403: {"status":403}');
    } finally {
      await gateway.close();
    }
  });

  it('says to start the stack when nothing answers', async () => {
    const url = `http://127.0.0.1:${await findFreePort()}`;
    const error = await seedDemoData(url, 'tok').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayUnreachableError);
    expect((error as Error).message).toContain(`cannot reach the local stack at ${url}`);
    expect((error as Error).message).toContain('is `make dev` running?');
  });
});
