import { ApiClient, type ApiResponse } from '../../src/api-client';
import { ALL_SCOPES, baseUrlFromEnv, RunNames } from '../../src/e2e-config';
import { tokenSourceFromEnv, type TokenSource } from '../../src/token-source';

/** What a test file works with: the API at BASE_URL, tokens for any principal, names unique to the run. */
export interface E2eContext {
  api: ApiClient;
  tokens: TokenSource;
  names: RunNames;
  /** A token of `sub` in `tenant` with `scope` (default: every scope). */
  token(tenant: string, sub: string, scope?: string): Promise<string>;
}

/**
 * The context of one test file: its own run names, so files never share tenants or skus. With
 * `E2E_READ_ONLY=1` (the prod canary) its client refuses every method but GET and HEAD.
 */
export function e2eContext(): E2eContext {
  const baseUrl = baseUrlFromEnv();
  const tokens = tokenSourceFromEnv(baseUrl);
  return {
    api: new ApiClient(baseUrl, { readOnly: process.env['E2E_READ_ONLY'] === '1' }),
    tokens,
    names: new RunNames(),
    token: (tenant, sub, scope = ALL_SCOPES) => tokens({ sub, tenant, scope }),
  };
}

/** Asserts an RFC 9457 problem: status, `application/problem+json`, the members docs/api.md names, `instance` = the correlation id. */
export function expectProblem(
  reply: ApiResponse,
  status: number,
  typeSuffix?: string,
): Record<string, unknown> {
  expect({ status: reply.status, body: reply.body }).toMatchObject({ status, body: { status } });
  expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = reply.body as Record<string, unknown>;
  expect(problem).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
      instance: reply.headers.get('x-correlation-id'),
    }),
  );
  if (typeSuffix !== undefined) expect(String(problem['type'])).toMatch(new RegExp(`/${typeSuffix}$`));
  return problem;
}

/** Asserts a health answer: 200 `{"status":"ok"}` as JSON, with the correlation id sent echoed. */
export function expectHealthy(reply: ApiResponse): void {
  expect({ status: reply.status, body: reply.body }).toEqual({ status: 200, body: { status: 'ok' } });
  expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  expect(reply.headers.get('x-correlation-id')).toBe(reply.sentCorrelationId);
}

/** The body of a reply as a record (for fields the test reads). */
export function bodyOf(reply: ApiResponse): Record<string, unknown> {
  return (reply.body ?? {}) as Record<string, unknown>;
}

/** Puts a product (expects 200 or 201). */
export async function putProduct(
  context: E2eContext,
  token: string,
  sku: string,
  product: { name?: string; priceCents: number; currency?: string },
): Promise<ApiResponse> {
  const reply = await context.api.call('PUT', `/catalog/products/${sku}`, {
    token,
    body: {
      name: product.name ?? `Product ${sku}`,
      priceCents: product.priceCents,
      currency: product.currency ?? 'EUR',
    },
  });
  expect([200, 201]).toContain(reply.status);
  return reply;
}

/** Sets a sku's available stock (expects 200). */
export async function putStock(
  context: E2eContext,
  token: string,
  sku: string,
  available: number,
): Promise<ApiResponse> {
  const reply = await context.api.call('PUT', `/inventory/stock/${sku}`, { token, body: { available } });
  expect(reply.status).toBe(200);
  return reply;
}

/** Reads a sku's stock. */
export async function stockOf(
  context: E2eContext,
  token: string,
  sku: string,
): Promise<Record<string, unknown>> {
  const reply = await context.api.call('GET', `/inventory/stock/${sku}`, { token });
  expect(reply.status).toBe(200);
  return bodyOf(reply);
}

/** Places an order with an Idempotency-Key. */
export function placeOrder(
  context: E2eContext,
  token: string,
  key: string,
  lines: Array<{ sku: string; qty: number }>,
): Promise<ApiResponse> {
  return context.api.call('POST', '/orders', { token, headers: { 'idempotency-key': key }, body: { lines } });
}
