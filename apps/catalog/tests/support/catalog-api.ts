import { join } from 'node:path';
import {
  httpApiEvent,
  lambdaContext,
  mintToken,
  type Reply,
  type TestTable,
  toReply,
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

type Handler = typeof putProduct;
interface CallOptions {
  body?: string | object;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  sku?: string;
  /** `null`: send no token. */
  token?: string | null;
}

/** A caller of one tenant with some scopes, calling the real handlers with API Gateway v2 events. */
export async function caller(tenant: string, scope = 'catalog:read catalog:write', sub = 'user-1') {
  const token = await mintToken({ sub, tenant, scope });
  const call = async (
    handler: Handler,
    routeKey: string,
    path: string,
    options: CallOptions = {},
  ): Promise<Reply> => {
    const [method = 'GET'] = routeKey.split(' ');
    const event = httpApiEvent({
      method,
      path,
      routeKey,
      ...(options.sku !== undefined ? { pathParameters: { sku: options.sku } } : {}),
      ...(options.body !== undefined ? { body: options.body } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.query ? { query: options.query } : {}),
      ...(options.token === null ? {} : { token: options.token ?? token }),
    });
    return toReply(await handler(event, lambdaContext()));
  };
  return {
    token,
    put: (sku: string, body: string | object, options: Omit<CallOptions, 'sku' | 'body'> = {}) =>
      call(putProduct, 'PUT /catalog/products/{sku}', `/catalog/products/${sku}`, { ...options, sku, body }),
    get: (sku: string, options: Omit<CallOptions, 'sku'> = {}) =>
      call(getProduct, 'GET /catalog/products/{sku}', `/catalog/products/${sku}`, { ...options, sku }),
    list: (query: Record<string, string> = {}) =>
      call(listProducts, 'GET /catalog/products', '/catalog/products', { query }),
    remove: (sku: string, options: Omit<CallOptions, 'sku'> = {}) =>
      call(deleteProduct, 'DELETE /catalog/products/{sku}', `/catalog/products/${sku}`, { ...options, sku }),
    health: () => call(health, 'GET /catalog/health', '/catalog/health', { token: null }),
  };
}
