import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** What a handler returns: status, optional JSON body, optional headers. */
export interface HttpResult {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Options shared by the response helpers. */
export interface ResponseOptions {
  /** Sets `ETag: "<etag>"` (an item's version). */
  etag?: string | number;
  /** Sets `Location`. */
  location?: string;
  headers?: Record<string, string>;
}

function headersOf(options: ResponseOptions): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.etag !== undefined) headers['etag'] = `"${options.etag}"`;
  if (options.location !== undefined) headers['location'] = options.location;
  return headers;
}

/**
 * 200 with a JSON body.
 *
 * @example
 * declare const product: { sku: string; version: number };
 * ok(product, { etag: product.version }); // 200, ETag: "<version>"
 */
export function ok(body: unknown, options: ResponseOptions = {}): HttpResult {
  return { statusCode: 200, body, headers: headersOf(options) };
}

/**
 * 201 with a JSON body.
 *
 * @example
 * declare const product: { sku: string; version: number };
 * created(product, { etag: 1, location: `/catalog/products/${product.sku}` }); // 201, ETag: "1", Location
 */
export function created(body: unknown, options: ResponseOptions = {}): HttpResult {
  return { statusCode: 201, body, headers: headersOf(options) };
}

/**
 * 204 without a body.
 *
 * @example
 * noContent(); // { statusCode: 204, headers: {} }
 */
export function noContent(options: ResponseOptions = {}): HttpResult {
  return { statusCode: 204, headers: headersOf(options) };
}

/** Serialises an {@link HttpResult} into API Gateway's response shape. */
export function toApiGatewayResult(result: HttpResult): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = { ...result.headers };
  if (result.body === undefined) return { statusCode: result.statusCode, headers };
  headers['content-type'] ??= 'application/json';
  return { statusCode: result.statusCode, headers, body: JSON.stringify(result.body) };
}
