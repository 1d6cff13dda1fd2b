import { join } from 'node:path';
import {
  callRoute,
  type HttpApiHandler,
  lambdaContext,
  mintToken,
  type RouteCallOptions,
  type TestTable,
  useTestTable,
} from '@platform/testing';
import { handler as getStock } from '../../src/handlers/get-stock';
import { handler as putStock } from '../../src/handlers/put-stock';
import { handler as release } from '../../src/handlers/release';
import { handler as reserve } from '../../src/handlers/reserve';
import { handler as sweepHolds } from '../../src/handlers/sweep-holds';
import { confirmHoldEntry } from '@platform/contracts';
import { createDocumentClient, transactWrite } from '@platform/persistence';

/** The service's table in DynamoDB Local, named as the handlers were configured (setup-env.ts). */
export function useInventoryTable(): () => TestTable {
  return useTestTable({
    serverlessYml: join(__dirname, '../../serverless.yml'),
    tableName: process.env['TABLE_NAME'],
  });
}

interface CallOptions {
  headers?: Record<string, string>;
  /** `null`: send no token. */
  token?: string | null;
}

/** A caller of one tenant, calling the real HTTP handlers with API Gateway v2 events. */
export async function caller(tenant: string, scope = 'inventory:read inventory:write') {
  const token = await mintToken({ sub: 'stock-keeper', tenant, scope });
  const call = (handler: HttpApiHandler, routeKey: string, options: RouteCallOptions) =>
    callRoute(handler, routeKey, { ...options, token: options.token === undefined ? token : options.token });
  return {
    put: (sku: string, body: string | object, options: CallOptions = {}) =>
      call(putStock, 'PUT /inventory/stock/{sku}', { ...options, pathParameters: { sku }, body }),
    get: (sku: string, options: CallOptions = {}) =>
      call(getStock, 'GET /inventory/stock/{sku}', { ...options, pathParameters: { sku } }),
  };
}

/** Invokes the internal functions as Lambda would: the payload is the event. */
export const internal = {
  reserve: (payload: unknown) => reserve(payload, lambdaContext({ functionName: 'inventory-test-reserve' })),
  release: (payload: unknown) => release(payload, lambdaContext({ functionName: 'inventory-test-release' })),
  sweep: () => sweepHolds({}, lambdaContext({ functionName: 'inventory-test-sweepHolds' })),
};

/** The customer token orders forwards to the internal functions: one customer of `tenant` placing orders. */
export function ordersToken(tenant: string, scope = 'orders:write'): Promise<string> {
  return mintToken({ sub: 'ann', tenant, scope });
}

/** Confirms an order's hold as orders does when it writes the order (the same transaction entry). */
export async function confirmHold(tenant: string, orderId: string): Promise<void> {
  const client = createDocumentClient();
  try {
    await transactWrite(client, [
      confirmHoldEntry(String(process.env['TABLE_NAME']), tenant, orderId, new Date()),
    ]);
  } finally {
    client.destroy();
  }
}
