import { AuthError, JwksUnavailableError } from '@platform/auth';
import { DependencyUnavailableError, InvalidCursorError, ThrottledError } from '@platform/persistence';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpError } from './errors';

/**
 * The client-facing meaning of an error, when it has one: an {@link HttpError} as is, the auth
 * errors, and the persistence errors that no store can translate because they are about the request
 * or the infrastructure, not the domain (a bad cursor, throttling, an unreachable table). A
 * domain's conflicts and absences reach HTTP only through the route's `mapError`, after its store
 * translated them into domain errors. `undefined` means "not for the client": the caller answers a
 * bare 500.
 *
 * @example
 * toHttpError(new InvalidCursorError('tampered')); // HttpError 400 invalid-cursor
 */
export function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof JwksUnavailableError) {
    return new HttpError(503, {
      detail: 'The token issuer cannot be reached to verify the token; retry later.',
      headers: { 'retry-after': '2' },
      cause: error,
    });
  }
  if (error instanceof AuthError) {
    return new HttpError(error.status, {
      title: error.title,
      detail: error.message,
      headers: { 'www-authenticate': error.wwwAuthenticate },
      cause: error,
    });
  }
  if (error instanceof InvalidCursorError) {
    return new HttpError(400, {
      type: 'invalid-cursor',
      detail: 'The cursor is not valid for this query.',
      cause: error,
    });
  }
  if (error instanceof ThrottledError) {
    // The data store throttles this service, not the client: a dependency failure, so 503 (a 429
    // would tell the client it sent too much). The client's own rate is the API stage's throttle.
    return new HttpError(503, {
      detail: 'The service is briefly over its data store capacity; retry later.',
      headers: { 'retry-after': String(error.retryAfterSec) },
      cause: error,
    });
  }
  if (error instanceof DependencyUnavailableError) {
    return new HttpError(503, {
      detail: 'A dependency is unavailable; retry later.',
      headers: { 'retry-after': String(error.retryAfterSec) },
      cause: error,
    });
  }
  return undefined;
}

/** The bare 500 every unexpected error becomes: no message, no stack, only the correlation id. */
export function internalError(): HttpError {
  return new HttpError(500, { detail: 'internal error' });
}

/**
 * An RFC 9457 `application/problem+json` response for an {@link HttpError}; `instance` is the
 * correlation id.
 *
 * @example
 * import { notFound } from './errors';
 *
 * problemResponse(notFound(), 'c0ffee-1234'); // { statusCode: 404, headers: {...}, body: '{"type":…}' }
 */
export function problemResponse(error: HttpError, correlationId: string): APIGatewayProxyStructuredResultV2 {
  const body: Record<string, unknown> = {
    ...error.extensions,
    type: error.type,
    title: error.title,
    status: error.status,
    detail: error.detail,
    instance: correlationId,
  };
  if (error.errors) body['errors'] = error.errors;
  return {
    statusCode: error.status,
    headers: { ...error.headers, 'content-type': 'application/problem+json' },
    body: JSON.stringify(body),
  };
}
