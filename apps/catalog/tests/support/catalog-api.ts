import { join } from 'node:path';
import {
  callRoute,
  type HttpApiHandler,
  mintToken,
  type RouteCallOptions,
  type TestTable,
  useTestTable,
} from '@platform/testing';
import { handler as deleteProduct } from '../../src/handlers/delete-product';
import { handler as getProduct } from '../../src/handlers/get-product';
import { handler as health } from '../../src/handlers/health';
import { handler as listProducts } from '../../src/handlers/list-products';
import { handler as putProduct } from '../../src/handlers/put-product';

/** The service's table in DynamoDB Local, named as the handlers were configured (setup-env.ts). */
export function useCatalogTable(): () => TestTable {
  return useTestTable({
    serverlessYml: join(__dirname, '../../serverless.yml'),
    tableName: process.env['TABLE_NAME'],
  });
}

interface CallOptions {
  body?: string | object;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** `null`: send no token. */
  token?: string | null;
}

/** A caller of one tenant with some scopes, calling the real handlers with API Gateway v2 events. */
export async function caller(tenant: string, scope = 'catalog:read catalog:write', sub = 'user-1') {
  const token = await mintToken({ sub, tenant, scope });
  const call = (handler: HttpApiHandler, routeKey: string, options: RouteCallOptions = {}) =>
    callRoute(handler, routeKey, { ...options, token: options.token === undefined ? token : options.token });
  return {
    token,
    put: (sku: string, body: string | object, options: Omit<CallOptions, 'body'> = {}) =>
      call(putProduct, 'PUT /catalog/products/{sku}', { ...options, pathParameters: { sku }, body }),
    get: (sku: string, options: CallOptions = {}) =>
      call(getProduct, 'GET /catalog/products/{sku}', { ...options, pathParameters: { sku } }),
    list: (query: Record<string, string> = {}) => call(listProducts, 'GET /catalog/products', { query }),
    remove: (sku: string, options: CallOptions = {}) =>
      call(deleteProduct, 'DELETE /catalog/products/{sku}', { ...options, pathParameters: { sku } }),
    health: () => call(health, 'GET /catalog/health', { token: null }),
  };
}
