import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { httpApiEvent, type HttpApiEventOptions } from '../http/http-api-event';
import { lambdaContext } from '../lambda/lambda-context';

/** An API Gateway response with its JSON body parsed and its header values as strings. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** A handler for API Gateway HTTP API (payload 2.0) events. */
export type HttpApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Parses a handler's result into a {@link Reply} (an empty body becomes `{}`).
 *
 * @example
 * declare const handler: HttpApiHandler;
 * const event = httpApiEvent({ method: 'GET', path: '/catalog/health' });
 * const reply = toReply(await handler(event, lambdaContext()));
 */
export function toReply(result: APIGatewayProxyStructuredResultV2): Reply {
  return {
    status: result.statusCode ?? 200,
    headers: Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]),
    ),
    body: result.body ? (JSON.parse(result.body) as Record<string, unknown>) : {},
  };
}

/**
 * Calls a real handler with an API Gateway v2 event built from `options` and a Lambda context.
 *
 * @example
 * declare const handler: HttpApiHandler;
 * const reply = await callHttpHandler(handler, { method: 'GET', path: '/catalog/health' });
 */
export async function callHttpHandler(handler: HttpApiHandler, options: HttpApiEventOptions): Promise<Reply> {
  return toReply(await handler(httpApiEvent(options), lambdaContext()));
}

/** Options of {@link callRoute}: the event's parts that the route key does not fix. */
export interface RouteCallOptions extends Omit<
  HttpApiEventOptions,
  'method' | 'path' | 'routeKey' | 'token'
> {
  /** Bearer token; `undefined` or `null` sends none. */
  token?: string | null;
}

/**
 * Calls a real handler as API Gateway would for `routeKey`: the method comes from the key, and the
 * path is the key's with each `{name}` replaced by the URL-encoded `pathParameters[name]`.
 *
 * @throws {TypeError} when a `{name}` of the route key has no path parameter.
 * @example
 * import { mintToken } from '@platform/testing';
 *
 * declare const getProduct: HttpApiHandler;
 * const token = await mintToken({ sub: 'c-1', tenant: 't-1', scope: 'catalog:read' });
 * const reply = await callRoute(getProduct, 'GET /catalog/products/{sku}', {
 *   pathParameters: { sku: 'SKU-1' }, token,
 * });
 */
export async function callRoute(
  handler: HttpApiHandler,
  routeKey: string,
  options: RouteCallOptions = {},
): Promise<Reply> {
  const [method = '', template = ''] = routeKey.split(' ');
  const path = template.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => {
    const value = options.pathParameters?.[name];
    if (value === undefined) throw new TypeError(`callRoute: no path parameter '${name}' for '${routeKey}'`);
    return encodeURIComponent(value);
  });
  const { token, ...rest } = options;
  return callHttpHandler(handler, {
    ...rest,
    method,
    path,
    routeKey,
    ...(token === undefined || token === null ? {} : { token }),
  });
}

/**
 * Asserts an RFC 9457 problem response: the status, `application/problem+json`, every required
 * member, `instance` equal to the `x-correlation-id` header, and (when given) a `type` ending in
 * `/<typeSlug>`.
 *
 * @example
 * declare const getProduct: HttpApiHandler;
 * declare const token: string;
 * const reply = await callRoute(getProduct, 'GET /catalog/products/{sku}', { pathParameters: { sku: 'NOPE-1' }, token });
 * expectProblem(reply, 404, 'not-found');
 */
export function expectProblem(reply: Reply, status: number, typeSlug?: string): void {
  expect(reply.status).toBe(status);
  expect(reply.headers['content-type']).toBe('application/problem+json');
  expect(reply.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
    instance: reply.headers['x-correlation-id'],
  });
  if (typeSlug !== undefined) expect(String(reply.body['type'])).toMatch(new RegExp(`/${typeSlug}$`));
}
