import { createServer, type IncomingMessage, type Server } from 'node:http';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { holdKey } from '@platform/contracts';
import { createTableFromCloudFormation, localDynamoDbClient } from '@platform/testing';
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
  let redirect: string | undefined;
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
    if (redirect) {
      response.writeHead(302, { location: redirect }).end();
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
    redirectTo: (url: string | undefined) => {
      redirect = url;
    },
    close: () => close(server),
  };
}

interface StockEntry {
  available: number;
  reserved: number;
}
type ReserveLine = { sku: string; qty: number };
interface Hold {
  status: 'HELD' | 'CONFIRMED' | 'RELEASED' | 'REJECTED';
  lines: ReserveLine[];
  answer: Record<string, unknown>;
  attempt: number;
}

/**
 * An inventory stand-in behind a Lambda Invoke API endpoint: stock in memory, holds in a real
 * DynamoDB Local table under inventory's hold keys (`holdKey`), because orders confirms and reopens
 * them in its own transactions. It keeps inventory's reservation contract (ADR-011), which
 * apps/orders/tests/reservation-contract.test.ts proves; it trusts the token's tenant unverified.
 */
export async function startInventory(functions: { reserve: string; release: string }, tableName: string) {
  const dynamo = localDynamoDbClient();
  await createTableFromCloudFormation(
    dynamo,
    { logicalId: 'InventoryTable', properties: HOLD_TABLE },
    tableName,
  );
  const client = DynamoDBDocumentClient.from(dynamo);
  const stock = new Map<string, StockEntry>();
  const calls: Array<{ function: string; payload: Record<string, unknown> }> = [];
  let failing: string | undefined;
  const entry = (tenant: string, sku: string) => stock.get(`${tenant}/${sku}`);
  const holdOf = async (tenant: string, orderId: string) =>
    (
      await client.send(
        new GetCommand({ TableName: tableName, Key: holdKey(tenant, orderId), ConsistentRead: true }),
      )
    ).Item as Hold | undefined;
  const save = (tenant: string, orderId: string, hold: Hold & Record<string, unknown>) =>
    client.send(new PutCommand({ TableName: tableName, Item: { ...holdKey(tenant, orderId), ...hold } }));
  const move = (tenant: string, lines: ReserveLine[], sign: 1 | -1) => {
    for (const line of lines) {
      const found = entry(tenant, line.sku);
      if (found) {
        found.available -= sign * line.qty;
        found.reserved += sign * line.qty;
      }
    }
  };

  const reserve = async (payload: {
    token: string;
    orderId: string;
    lines: ReserveLine[];
    attempt: number;
    holdUntil: number;
  }) => {
    const tenant = tenantOf(`Bearer ${payload.token}`) ?? '';
    if (payload.holdUntil <= Date.now()) return { status: 'CLOSED' };
    const hold = await holdOf(tenant, payload.orderId);
    if (hold?.status === 'REJECTED') return hold.answer;
    if (hold?.status === 'CONFIRMED') return { status: 'RESERVED' };
    if (hold?.status === 'HELD') {
      if (hold.attempt < payload.attempt)
        await save(tenant, payload.orderId, { ...hold, attempt: payload.attempt });
      return { status: 'RESERVED' };
    }
    if (hold?.status === 'RELEASED' && hold.attempt >= payload.attempt) return { status: 'CLOSED' };
    for (const line of payload.lines) {
      const found = entry(tenant, line.sku);
      const answer = !found
        ? { status: 'REJECTED', reason: 'UNKNOWN_SKU', sku: line.sku }
        : found.available < line.qty
          ? { status: 'REJECTED', reason: 'INSUFFICIENT_STOCK', sku: line.sku }
          : undefined;
      if (answer) {
        if (!hold)
          await save(tenant, payload.orderId, {
            status: 'REJECTED',
            lines: [],
            answer,
            attempt: payload.attempt,
          });
        return answer;
      }
    }
    move(tenant, payload.lines, 1);
    const answer = { status: 'RESERVED' };
    await save(tenant, payload.orderId, {
      status: 'HELD',
      lines: payload.lines,
      answer,
      attempt: payload.attempt,
    });
    return answer;
  };

  const release = async (payload: { token: string; orderId: string; attempt: number }) => {
    const tenant = tenantOf(`Bearer ${payload.token}`) ?? '';
    const hold = await holdOf(tenant, payload.orderId);
    if (!hold) {
      await save(tenant, payload.orderId, {
        status: 'RELEASED',
        lines: [],
        answer: {},
        attempt: payload.attempt,
      });
      return { status: 'NOT_RESERVED' };
    }
    if (hold.status === 'REJECTED') return { status: 'NOT_RESERVED' };
    if (hold.status === 'CONFIRMED') return { status: 'CONFIRMED' };
    if (hold.status === 'RELEASED') {
      await save(tenant, payload.orderId, { ...hold, attempt: Math.max(hold.attempt, payload.attempt) });
      return { status: 'ALREADY_RELEASED' };
    }
    if (hold.attempt > payload.attempt) return { status: 'NOT_RESERVED' };
    move(tenant, hold.lines, -1);
    await save(tenant, payload.orderId, { ...hold, status: 'RELEASED', attempt: payload.attempt });
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
    const handlers: Record<string, (p: never) => Promise<unknown>> = {
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
      .end(JSON.stringify(await handle(payload as never)));
  });
  const url = await listen(server);
  return {
    url,
    calls,
    set: (tenant: string, sku: string, available: number) =>
      stock.set(`${tenant}/${sku}`, { available, reserved: 0 }),
    stockOf: (tenant: string, sku: string) => entry(tenant, sku),
    holdOf,
    fail: (functionName: string | undefined) => {
      failing = functionName;
    },
    close: async () => {
      await close(server);
      await dynamo.send(new DeleteTableCommand({ TableName: tableName }));
      dynamo.destroy();
    },
  };
}

/** The part of inventory's table orders touches: the key (the stand-in keeps no stock in it). */
const HOLD_TABLE = {
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
};
