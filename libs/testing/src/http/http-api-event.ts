import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * Options of {@link httpApiEvent}.
 *
 * @example
 * const options: HttpApiEventOptions = { method: 'GET', path: '/orders', query: { limit: '10' } };
 */
export interface HttpApiEventOptions {
  /** HTTP method, any case (`'post'` → `'POST'`). */
  method: string;
  /** Request path; a `?query` part is read into the query string too. */
  path: string;
  /** Route key of the matched route (default `'<METHOD> <path>'`), e.g. `'GET /catalog/products/{sku}'`. */
  routeKey?: string;
  pathParameters?: Record<string, string>;
  /** Query string parameters (decoded values); `rawQueryString` is built from them. */
  query?: Record<string, string>;
  /** Request headers; names are lower-cased as API Gateway does. */
  headers?: Record<string, string>;
  /** A string is sent as it is; an object is JSON-stringified with `content-type: application/json`. */
  body?: string | object;
  /** Bearer token: becomes `authorization: Bearer <token>`. */
  token?: string;
  /** The body is base64 (a string body must already be encoded; an object body is encoded here). */
  isBase64Encoded?: boolean;
  /** `requestContext.requestId` (default: a random one). */
  requestId?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `requestContext.time` as API Gateway writes it: `12/Mar/2020:19:03:58 +0000`. */
function requestTime(date: Date): string {
  const two = (value: number): string => String(value).padStart(2, '0');
  return (
    `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

/** Header names lower-cased; values of names that differ only in case are joined with a comma. */
function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    result[key] = result[key] === undefined ? value : `${result[key]},${value}`;
  }
  return result;
}

/**
 * Builds an API Gateway HTTP API (payload format 2.0) event as Lambda receives it: lower-cased
 * headers, `cookies` split out of the `cookie` header, `rawQueryString` and
 * `queryStringParameters`, a full `requestContext`. Object bodies are JSON-stringified with
 * `content-type: application/json`; `token` becomes `authorization: Bearer <token>`.
 *
 * @example
 * import { lambdaContext, mintToken, type HttpApiHandler } from '@platform/testing';
 *
 * declare const handler: HttpApiHandler;
 * const event = httpApiEvent({
 *   method: 'PUT', path: '/catalog/products/SKU-1', routeKey: 'PUT /catalog/products/{sku}',
 *   pathParameters: { sku: 'SKU-1' }, body: { name: 'Pen', priceCents: 150, currency: 'EUR' },
 *   token: await mintToken({ sub: 'c-1', tenant: 't-1', scope: 'catalog:write' }),
 * });
 * const response = await handler(event, lambdaContext());
 */
export function httpApiEvent(options: HttpApiEventOptions): APIGatewayProxyEventV2 {
  const method = options.method.toUpperCase();
  const queryStart = options.path.indexOf('?');
  const rawPath = queryStart === -1 ? options.path : options.path.slice(0, queryStart);
  const query: Record<string, string> = {};
  if (queryStart !== -1) {
    for (const [name, value] of new URLSearchParams(options.path.slice(queryStart + 1))) query[name] = value;
  }
  Object.assign(query, options.query);

  const headers = lowerCaseHeaders(options.headers ?? {});
  let body: string | undefined;
  if (typeof options.body === 'string') {
    body = options.body;
  } else if (options.body !== undefined) {
    const json = JSON.stringify(options.body);
    body = options.isBase64Encoded ? Buffer.from(json).toString('base64') : json;
    headers['content-type'] ??= 'application/json';
  }
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  const cookieHeader = headers['cookie'];
  delete headers['cookie'];

  const routeKey = options.routeKey ?? `${method} ${rawPath}`;
  const now = new Date();
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: Object.entries(query)
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join('&'),
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: options.requestId ?? randomBytes(12).toString('base64url'),
      routeKey,
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
  if (cookieHeader !== undefined) event.cookies = cookieHeader.split(/;\s*/).filter(Boolean);
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (options.pathParameters) event.pathParameters = { ...options.pathParameters };
  if (body !== undefined) event.body = body;
  return event;
}
