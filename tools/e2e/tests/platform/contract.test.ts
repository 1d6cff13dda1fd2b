import type { CallOptions } from '../../src/api-client';
import { ServiceContract } from '../../src/openapi-contract';
import { bodyOf, e2eContext, placeOrder, putProduct, putStock } from '../support/e2e-context';

// Every documented status of every operation of every service, each reply checked against its
// service's openapi.yaml by openapi-backend (ADR-013). Writes: not a smoke file, so the prod canary
// never runs it (and its read-only client would refuse the writes).
const context = e2eContext();
const tenant = context.names.tenant('contract');
const SERVICES = ['catalog', 'inventory', 'orders'] as const;
const OVER_64_KIB = 'x'.repeat(70 * 1024);

/** The principals of the cases: every scope, none, or one service's read scope only. */
type Caller = 'all' | 'anonymous' | 'no-scope' | 'catalog:read' | 'inventory:read' | 'orders:read';

interface Case {
  /** What the request is, for the test title. */
  what: string;
  status: number;
  method: string;
  /** The documented path, for the title. */
  route: string;
  path: () => string;
  caller?: Caller;
  options?: () => Omit<CallOptions, 'token'>;
}

const contracts = new Map<string, ServiceContract>();
const tokens = new Map<Caller, string | undefined>();
/** `<operationId> <status>` of every reply that conformed. */
const exercised = new Set<string>();

const sku = {
  product: context.names.sku('PRODUCT'),
  created: context.names.sku('CREATED'),
  deleted: context.names.sku('DELETED'),
  stale: context.names.sku('STALE'),
  soldOut: context.names.sku('SOLD-OUT'),
  missing: context.names.sku('MISSING'),
};
const orders = { read: '', cancel: '', cancelled: '' };
const MISSING_ORDER = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const product = { name: 'Contract pen', priceCents: 1200, currency: 'EUR' };
const key = (label: string): Record<string, string> => ({
  'idempotency-key': `contract-${label}-${context.names.runId}`,
});
const json = (text: string): Omit<CallOptions, 'token'> => ({
  body: text,
  headers: { 'content-type': 'application/json' },
});
const textPlain: Omit<CallOptions, 'token'> = { body: 'not json', headers: { 'content-type': 'text/plain' } };

const cases: Case[] = [
  // catalog
  {
    what: 'health',
    status: 200,
    method: 'GET',
    route: '/catalog/health',
    path: () => '/catalog/health',
    caller: 'anonymous',
  },
  {
    what: 'a new product',
    status: 201,
    method: 'PUT',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.created}`,
    options: () => ({ body: product }),
  },
  {
    what: 'a replaced product',
    status: 200,
    method: 'PUT',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.product}`,
    options: () => ({ body: product }),
  },
  {
    what: 'malformed JSON',
    status: 400,
    method: 'PUT',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.product}`,
    options: () => json('{"name":'),
  },
  {
    what: 'no token',
    status: 401,
    method: 'PUT',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.product}`,
    caller: 'anonymous',
    options: () => ({ body: product }),
  },
  {
    what: 'catalog:read only',
    status: 403,
    method: 'PUT',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.product}`,
    caller: 'catalog:read',
    options: () => ({ body: product }),
  },
  {
    what: 'a stale If-Match',
    status: 412,
    method: 'PUT',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.product}`,
    options: () => ({ body: product, headers: { 'if-match': '"999"' } }),
  },
  {
    what: 'a body over 64 KiB',
    status: 413,
    method: 'PUT',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.product}`,
    options: () => ({ body: { ...product, name: OVER_64_KIB } }),
  },
  {
    what: 'a text/plain body',
    status: 415,
    method: 'PUT',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.product}`,
    options: () => textPlain,
  },
  {
    what: 'a negative price',
    status: 422,
    method: 'PUT',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.product}`,
    options: () => ({ body: { ...product, priceCents: -1 } }),
  },
  {
    what: 'a product',
    status: 200,
    method: 'GET',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.product}`,
  },
  {
    what: 'no token',
    status: 401,
    method: 'GET',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.product}`,
    caller: 'anonymous',
  },
  {
    what: 'no scope',
    status: 403,
    method: 'GET',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.product}`,
    caller: 'no-scope',
  },
  {
    what: 'a missing product',
    status: 404,
    method: 'GET',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.missing}`,
  },
  {
    what: 'a lower-case sku',
    status: 422,
    method: 'GET',
    route: '/catalog/products/{sku}',
    path: () => '/catalog/products/pen-1',
  },
  {
    what: 'a product',
    status: 204,
    method: 'DELETE',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.deleted}`,
  },
  {
    what: 'no token',
    status: 401,
    method: 'DELETE',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.stale}`,
    caller: 'anonymous',
  },
  {
    what: 'catalog:read only',
    status: 403,
    method: 'DELETE',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.stale}`,
    caller: 'catalog:read',
  },
  {
    what: 'a missing product',
    status: 404,
    method: 'DELETE',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.missing}`,
  },
  {
    what: 'a stale If-Match',
    status: 412,
    method: 'DELETE',
    route: '/catalog/products/{sku}',
    path: () => `/catalog/products/${sku.stale}`,
    options: () => ({ headers: { 'if-match': '"999"' } }),
  },
  {
    what: 'a lower-case sku',
    status: 422,
    method: 'DELETE',
    route: '/catalog/products/{sku}',
    path: () => '/catalog/products/pen-1',
  },
  {
    what: 'a page',
    status: 200,
    method: 'GET',
    route: '/catalog/products',
    path: () => '/catalog/products?limit=2',
  },
  {
    what: 'a bad cursor',
    status: 400,
    method: 'GET',
    route: '/catalog/products',
    path: () => '/catalog/products?cursor=not-a-cursor',
  },
  {
    what: 'no token',
    status: 401,
    method: 'GET',
    route: '/catalog/products',
    path: () => '/catalog/products',
    caller: 'anonymous',
  },
  {
    what: 'no scope',
    status: 403,
    method: 'GET',
    route: '/catalog/products',
    path: () => '/catalog/products',
    caller: 'no-scope',
  },
  {
    what: 'limit=0',
    status: 422,
    method: 'GET',
    route: '/catalog/products',
    path: () => '/catalog/products?limit=0',
  },
  // inventory
  {
    what: 'health',
    status: 200,
    method: 'GET',
    route: '/inventory/health',
    path: () => '/inventory/health',
    caller: 'anonymous',
  },
  {
    what: 'stock set',
    status: 200,
    method: 'PUT',
    route: '/inventory/stock/{sku}',
    path: () => `/inventory/stock/${sku.created}`,
    options: () => ({ body: { available: 5 } }),
  },
  {
    what: 'malformed JSON',
    status: 400,
    method: 'PUT',
    route: '/inventory/stock/{sku}',
    path: () => `/inventory/stock/${sku.created}`,
    options: () => json('{"available":'),
  },
  {
    what: 'no token',
    status: 401,
    method: 'PUT',
    route: '/inventory/stock/{sku}',
    path: () => `/inventory/stock/${sku.created}`,
    caller: 'anonymous',
    options: () => ({ body: { available: 5 } }),
  },
  {
    what: 'inventory:read only',
    status: 403,
    method: 'PUT',
    route: '/inventory/stock/{sku}',
    path: () => `/inventory/stock/${sku.created}`,
    caller: 'inventory:read',
    options: () => ({ body: { available: 5 } }),
  },
  {
    what: 'a body over 64 KiB',
    status: 413,
    method: 'PUT',
    route: '/inventory/stock/{sku}',
    path: () => `/inventory/stock/${sku.created}`,
    options: () => ({ body: { available: 5, note: OVER_64_KIB } }),
  },
  {
    what: 'a text/plain body',
    status: 415,
    method: 'PUT',
    route: '/inventory/stock/{sku}',
    path: () => `/inventory/stock/${sku.created}`,
    options: () => textPlain,
  },
  {
    what: 'a negative quantity',
    status: 422,
    method: 'PUT',
    route: '/inventory/stock/{sku}',
    path: () => `/inventory/stock/${sku.created}`,
    options: () => ({ body: { available: -1 } }),
  },
  {
    what: 'stock',
    status: 200,
    method: 'GET',
    route: '/inventory/stock/{sku}',
    path: () => `/inventory/stock/${sku.product}`,
  },
  {
    what: 'no token',
    status: 401,
    method: 'GET',
    route: '/inventory/stock/{sku}',
    path: () => `/inventory/stock/${sku.product}`,
    caller: 'anonymous',
  },
  {
    what: 'no scope',
    status: 403,
    method: 'GET',
    route: '/inventory/stock/{sku}',
    path: () => `/inventory/stock/${sku.product}`,
    caller: 'no-scope',
  },
  {
    what: 'a sku without stock',
    status: 404,
    method: 'GET',
    route: '/inventory/stock/{sku}',
    path: () => `/inventory/stock/${sku.missing}`,
  },
  {
    what: 'a lower-case sku',
    status: 422,
    method: 'GET',
    route: '/inventory/stock/{sku}',
    path: () => '/inventory/stock/pen-1',
  },
  // orders
  {
    what: 'health',
    status: 200,
    method: 'GET',
    route: '/orders/health',
    path: () => '/orders/health',
    caller: 'anonymous',
  },
  {
    what: 'an order placed',
    status: 201,
    method: 'POST',
    route: '/orders',
    path: () => '/orders',
    options: () => ({ headers: key('placed'), body: { lines: [{ sku: sku.product, qty: 1 }] } }),
  },
  {
    what: 'malformed JSON',
    status: 400,
    method: 'POST',
    route: '/orders',
    path: () => '/orders',
    options: () => ({
      ...json('{"lines":'),
      headers: { 'content-type': 'application/json', ...key('malformed') },
    }),
  },
  {
    what: 'no token',
    status: 401,
    method: 'POST',
    route: '/orders',
    path: () => '/orders',
    caller: 'anonymous',
    options: () => ({ headers: key('anonymous'), body: { lines: [{ sku: sku.product, qty: 1 }] } }),
  },
  {
    what: 'orders:read only',
    status: 403,
    method: 'POST',
    route: '/orders',
    path: () => '/orders',
    caller: 'orders:read',
    options: () => ({ headers: key('read-only'), body: { lines: [{ sku: sku.product, qty: 1 }] } }),
  },
  {
    what: 'out of stock',
    status: 409,
    method: 'POST',
    route: '/orders',
    path: () => '/orders',
    options: () => ({ headers: key('sold-out'), body: { lines: [{ sku: sku.soldOut, qty: 1 }] } }),
  },
  {
    what: 'a body over 64 KiB',
    status: 413,
    method: 'POST',
    route: '/orders',
    path: () => '/orders',
    options: () => ({
      headers: key('large'),
      body: { lines: [{ sku: sku.product, qty: 1 }], note: OVER_64_KIB },
    }),
  },
  {
    what: 'a text/plain body',
    status: 415,
    method: 'POST',
    route: '/orders',
    path: () => '/orders',
    options: () => ({ ...textPlain, headers: { ...textPlain.headers, ...key('text') } }),
  },
  {
    what: 'an unknown sku',
    status: 422,
    method: 'POST',
    route: '/orders',
    path: () => '/orders',
    options: () => ({ headers: key('unknown'), body: { lines: [{ sku: sku.missing, qty: 1 }] } }),
  },
  { what: 'a page', status: 200, method: 'GET', route: '/orders', path: () => '/orders?limit=2' },
  {
    what: 'a bad cursor',
    status: 400,
    method: 'GET',
    route: '/orders',
    path: () => '/orders?cursor=not-a-cursor',
  },
  {
    what: 'no token',
    status: 401,
    method: 'GET',
    route: '/orders',
    path: () => '/orders',
    caller: 'anonymous',
  },
  {
    what: 'no scope',
    status: 403,
    method: 'GET',
    route: '/orders',
    path: () => '/orders',
    caller: 'no-scope',
  },
  { what: 'limit=0', status: 422, method: 'GET', route: '/orders', path: () => '/orders?limit=0' },
  {
    what: 'an order',
    status: 200,
    method: 'GET',
    route: '/orders/{orderId}',
    path: () => `/orders/${orders.read}`,
  },
  {
    what: 'no token',
    status: 401,
    method: 'GET',
    route: '/orders/{orderId}',
    path: () => `/orders/${orders.read}`,
    caller: 'anonymous',
  },
  {
    what: 'no scope',
    status: 403,
    method: 'GET',
    route: '/orders/{orderId}',
    path: () => `/orders/${orders.read}`,
    caller: 'no-scope',
  },
  {
    what: 'a missing order',
    status: 404,
    method: 'GET',
    route: '/orders/{orderId}',
    path: () => `/orders/${MISSING_ORDER}`,
  },
  {
    what: 'an order cancelled',
    status: 200,
    method: 'POST',
    route: '/orders/{orderId}/cancel',
    path: () => `/orders/${orders.cancel}/cancel`,
  },
  {
    what: 'no token',
    status: 401,
    method: 'POST',
    route: '/orders/{orderId}/cancel',
    path: () => `/orders/${orders.read}/cancel`,
    caller: 'anonymous',
  },
  {
    what: 'orders:read only',
    status: 403,
    method: 'POST',
    route: '/orders/{orderId}/cancel',
    path: () => `/orders/${orders.read}/cancel`,
    caller: 'orders:read',
  },
  {
    what: 'a missing order',
    status: 404,
    method: 'POST',
    route: '/orders/{orderId}/cancel',
    path: () => `/orders/${MISSING_ORDER}/cancel`,
  },
  {
    what: 'an order already cancelled',
    status: 409,
    method: 'POST',
    route: '/orders/{orderId}/cancel',
    path: () => `/orders/${orders.cancelled}/cancel`,
  },
];

async function orderOf(token: string, label: string): Promise<string> {
  const reply = await placeOrder(context, token, `contract-fixture-${label}-${context.names.runId}`, [
    { sku: sku.product, qty: 1 },
  ]);
  expect(reply.status).toBe(201);
  return String(bodyOf(reply)['orderId']);
}

beforeAll(async () => {
  for (const service of SERVICES) contracts.set(service, await ServiceContract.load(service));
  const all = await context.token(tenant, 'contract');
  tokens.set('all', all);
  tokens.set('anonymous', undefined);
  tokens.set('no-scope', await context.token(tenant, 'contract', ''));
  for (const scope of ['catalog:read', 'inventory:read', 'orders:read'] as const) {
    tokens.set(scope, await context.token(tenant, 'contract', scope));
  }
  for (const item of [sku.product, sku.deleted, sku.stale, sku.soldOut]) {
    await putProduct(context, all, item, product);
  }
  await putStock(context, all, sku.product, 100);
  await putStock(context, all, sku.soldOut, 0);
  orders.read = await orderOf(all, 'read');
  orders.cancel = await orderOf(all, 'cancel');
  orders.cancelled = await orderOf(all, 'cancelled');
  const cancelled = await context.api.call('POST', `/orders/${orders.cancelled}/cancel`, { token: all });
  expect(cancelled.status).toBe(200);
});

describe('the contract: every operation of every service against its openapi.yaml', () => {
  it.each(cases)(
    '$method $route with $what answers $status, a reply its openapi.yaml documents',
    async (item) => {
      const path = item.path();
      const token = tokens.get(item.caller ?? 'all');
      const reply = await context.api.call(item.method, path, {
        ...item.options?.(),
        ...(token === undefined ? {} : { token }),
      });
      const service = path.split(/[/?]/)[1] ?? '';
      const contract = contracts.get(service);
      if (!contract) throw new Error(`no contract loaded for ${service}`);
      const { operationId, violations } = contract.check(item.method, path, reply);
      expect({ status: reply.status, violations }).toEqual({ status: item.status, violations: [] });
      exercised.add(`${operationId} ${reply.status}`);
    },
  );

  it('exercises every status code every operation documents (a new route or status fails here until a case covers it)', () => {
    const documented = [...contracts.values()].flatMap((contract) => contract.documentedStatuses());
    expect(documented.length).toBeGreaterThan(SERVICES.length * 5);
    const missing = documented
      .filter(({ operationId, status }) => !exercised.has(`${operationId} ${status}`))
      .map(({ route, status }) => `${route} ${status}`);
    expect(missing).toEqual([]);
  });
});
