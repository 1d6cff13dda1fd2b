import type { Request } from '@middy/core';
import type { Principal } from '@platform/auth';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/**
 * What the stack learns about one request, middleware by middleware. It lives on the middy
 * request (`request.internal`), so every middleware of the request reads what the ones before it
 * found, and nothing outlives the request.
 */
export type HttpState = {
  correlationId: string;
  coldStart: boolean;
  /** `performance.now()` when the request entered the stack. */
  startedAt: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  rawBody?: string;
  json?: unknown;
  body?: unknown;
  query?: unknown;
  path?: unknown;
  parsedHeaders?: unknown;
  principal?: Principal;
};

/** A middy request of the platform's stacks: its state in `internal`. */
export type PlatformRequest<TEvent = APIGatewayProxyEventV2> = Request<
  TEvent,
  unknown,
  Error,
  Context,
  HttpState
>;

/** The request's state; the request-context middleware, first in every stack, creates it. */
export function stateOf(request: Request<unknown, unknown, Error, Context, HttpState>): HttpState {
  if (!('correlationId' in request.internal)) {
    throw new Error('request state missing: the requestContext middleware did not run first');
  }
  return request.internal;
}

/** Lower-cases header names (API Gateway v2 already does; direct invocations may not). */
export function normaliseHeaders(
  headers: Record<string, string | undefined> | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) result[name.toLowerCase()] = value;
  }
  return result;
}
