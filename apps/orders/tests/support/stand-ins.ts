import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stand-ins for the two services orders calls, on real HTTP: a catalog answering
 * `GET /catalog/products/{sku}` per tenant, and a Lambda Invoke API endpoint
 * (`POST /2015-03-31/functions/{name}/invocations`, what serverless-offline serves) holding stock in
 * memory with inventory's reserve/release contract. The real services are exercised together by the
 * end-to-end suite; these let the orders tests control prices, stock and failures.
 */

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

/** The tenant in a bearer token's payload (the stand-in trusts it; the real catalog verifies it). */
function tenantOf(authorization: string | undefined): string | undefined {
  const token = authorization?.replace(/^Bearer /, '');
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { tenant_id?: string }).tenant_id;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A catalog stand-in. */
export async function startCatalog() {
  const prices = new Map<string, { priceCents: number; currency: string }>();
  const seen: Array<{ sku: string; authorization?: string; correlationId?: string }> = [];
  let failWith: number | undefined;
  const server = createServer((request, response) => {
    const sku = decodeURIComponent(/^\/catalog\/products\/([^/?]+)/.exec(request.url ?? '')?.[1] ?? '');
    seen.push({
      sku,
      authorization: request.headers.authorization,
      correlationId: request.headers['x-correlation-id'] as string,
    });
    if (failWith) {
      response.writeHead(failWith).end();
      return;
    }
    const tenant = tenantOf(request.headers.authorization);
    if (!tenant) {
      response.writeHead(401, { 'content-type': 'application/problem+json' }).end('{"status":401}');
      return;
    }
    const price = prices.get(`${tenant}/${sku}`);
    if (!price) {
      response.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"status":404}');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ sku, name: sku, ...price, version: 1 }));
  });
  const url = await listen(server);
  return {
    url,
    seen,
    price: (tenant: string, sku: string, priceCents: number, currency = 'EUR') =>
      prices.set(`${tenant}/${sku}`, { priceCents, currency }),
    failWith: (status: number | undefined) => {
      failWith = status;
    },
    close: () => close(server),
  };
}

interface StockEntry {
  available: number;
  reserved: number;
}
type ReserveLine = { sku: string; qty: number };

/** An inventory stand-in behind a Lambda Invoke API endpoint. */
export async function startInventory(functions: { reserve: string; release: string }) {
  const stock = new Map<string, StockEntry>();
  const reservations = new Map<string, { answer: unknown; lines: ReserveLine[]; released: boolean }>();
  const calls: Array<{ function: string; payload: Record<string, unknown> }> = [];
  let failing: string | undefined;
  const entry = (tenant: string, sku: string) => stock.get(`${tenant}/${sku}`);

  const reserve = (payload: { tenantId: string; orderId: string; lines: ReserveLine[] }) => {
    const key = `${payload.tenantId}/${payload.orderId}`;
    const existing = reservations.get(key);
    if (existing) return existing.answer;
    for (const line of payload.lines) {
      const found = entry(payload.tenantId, line.sku);
      const answer = !found
        ? { status: 'REJECTED', reason: 'UNKNOWN_SKU', sku: line.sku }
        : found.available < line.qty
          ? { status: 'REJECTED', reason: 'INSUFFICIENT_STOCK', sku: line.sku }
          : undefined;
      if (answer) {
        reservations.set(key, { answer, lines: [], released: true });
        return answer;
      }
    }
    for (const line of payload.lines) {
      const found = entry(payload.tenantId, line.sku);
      if (found) {
        found.available -= line.qty;
        found.reserved += line.qty;
      }
    }
    const answer = { status: 'RESERVED' };
    reservations.set(key, { answer, lines: payload.lines, released: false });
    return answer;
  };

  const release = (payload: { tenantId: string; orderId: string }) => {
    const reservation = reservations.get(`${payload.tenantId}/${payload.orderId}`);
    if (!reservation || reservation.lines.length === 0) return { status: 'NOT_RESERVED' };
    if (reservation.released) return { status: 'ALREADY_RELEASED' };
    reservation.released = true;
    for (const line of reservation.lines) {
      const found = entry(payload.tenantId, line.sku);
      if (found) {
        found.available += line.qty;
        found.reserved -= line.qty;
      }
    }
    return { status: 'RELEASED' };
  };

  const server = createServer(async (request, response) => {
    const name = decodeURIComponent(
      /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(request.url ?? '')?.[1] ?? '',
    );
    const payload = JSON.parse((await readBody(request)) || '{}') as Record<string, unknown>;
    calls.push({ function: name, payload });
    if (failing === name) {
      response
        .writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' })
        .end('{"errorType":"Error","errorMessage":"injected failure"}');
      return;
    }
    const handlers: Record<string, (p: never) => unknown> = {
      [functions.reserve]: reserve,
      [functions.release]: release,
    };
    const handle = handlers[name];
    if (!handle) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"Message":"Function not found"}');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(handle(payload as never)));
  });
  const url = await listen(server);
  return {
    url,
    calls,
    set: (tenant: string, sku: string, available: number) =>
      stock.set(`${tenant}/${sku}`, { available, reserved: 0 }),
    stockOf: (tenant: string, sku: string) => entry(tenant, sku),
    fail: (functionName: string | undefined) => {
      failing = functionName;
    },
    close: () => close(server),
  };
}
