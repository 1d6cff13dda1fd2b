import type { Principal } from '@platform/auth';

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
