import { join } from 'node:path';
import {
  callRoute,
  createTestTable,
  type HttpApiHandler,
  mintToken,
  type RouteCallOptions,
  type TestTable,
} from '@platform/testing';
import { startCatalog, startInventory } from './stand-ins';

/** The running orders service under test: its table, the stand-ins, and its real handlers. */
export interface OrdersService {
  table: TestTable;
  catalog: Awaited<ReturnType<typeof startCatalog>>;
  inventory: Awaited<ReturnType<typeof startInventory>>;
  handlers: Record<'place' | 'get' | 'list' | 'cancel' | 'health', HttpApiHandler>;
}

/**
 * Starts the catalog and inventory stand-ins on free ports, points the service's environment at
 * them, creates its table, then loads the real handlers (they read the environment at load time).
 */
export function useOrdersService(): () => OrdersService {
  let service: OrdersService | undefined;
  beforeAll(async () => {
    const catalog = await startCatalog();
    const inventory = await startInventory(
      {
        reserve: String(process.env['INVENTORY_RESERVE_FUNCTION']),
        release: String(process.env['INVENTORY_RELEASE_FUNCTION']),
      },
      String(process.env['INVENTORY_TABLE_NAME']),
    );
    process.env['CATALOG_URL'] = catalog.url;
    process.env['INVENTORY_LAMBDA_ENDPOINT'] = inventory.url;
    const table = await createTestTable({
      serverlessYml: join(__dirname, '../../serverless.yml'),
      tableName: process.env['TABLE_NAME'],
    });
    const handlers = {
      place: (await import('../../src/handlers/place-order')).handler,
      get: (await import('../../src/handlers/get-order')).handler,
      list: (await import('../../src/handlers/list-orders')).handler,
      cancel: (await import('../../src/handlers/cancel-order')).handler,
      health: (await import('../../src/handlers/health')).handler,
    };
    service = { table, catalog, inventory, handlers };
  });
  afterAll(async () => {
    await service?.catalog.close();
    await service?.inventory.close();
    await service?.table.drop();
  });
  return () => {
    if (!service) throw new Error('orders service not started yet');
    return service;
  };
}

/** A customer of a tenant calling the orders API. */
export async function customer(
  service: () => OrdersService,
  tenant: string,
  sub: string,
  scope = 'orders:read orders:write catalog:read',
) {
  const token = await mintToken({ sub, tenant, scope });
  const call = (name: keyof OrdersService['handlers'], routeKey: string, options: RouteCallOptions = {}) =>
    callRoute(service().handlers[name], routeKey, {
      ...options,
      token: options.token === undefined ? token : options.token,
    });
  return {
    token,
    place: (body: string | object, key: string | undefined, headers: Record<string, string> = {}) =>
      call('place', 'POST /orders', {
        body,
        headers: { ...(key !== undefined ? { 'idempotency-key': key } : {}), ...headers },
      }),
    get: (orderId: string) => call('get', 'GET /orders/{orderId}', { pathParameters: { orderId } }),
    list: (query: Record<string, string> = {}) => call('list', 'GET /orders', { query }),
    cancel: (orderId: string) =>
      call('cancel', 'POST /orders/{orderId}/cancel', { pathParameters: { orderId } }),
    health: () => call('health', 'GET /orders/health', { token: null }),
  };
}
