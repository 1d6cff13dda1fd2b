import { UnauthorizedError } from './errors';

/** Options of {@link bearerToken}. */
export interface BearerTokenOptions {
  /** Realm named in the challenge of a rejection (default `api`). */
  realm?: string;
}

/** RFC 6750 §2.1: `Bearer` (any case), one or more spaces, a b64token. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * Extracts the token from an `Authorization` header value. Throws {@link UnauthorizedError} when
 * the header is missing (challenge without an error code, RFC 6750 §3.1) or is not
 * `Bearer <token>` (`invalid_request`).
 *
 * @example
 * declare const event: { headers: Record<string, string | undefined> }; // an API Gateway event
 * bearerToken(event.headers['authorization']); // 'eyJhbGciOi...'
 */
export function bearerToken(authorization: string | undefined, options: BearerTokenOptions = {}): string {
  if (authorization === undefined || authorization.trim() === '') {
    throw new UnauthorizedError('missing bearer token', { realm: options.realm, error: null });
  }
  const match = BEARER.exec(authorization.trim());
  if (!match?.[1]) {
    throw new UnauthorizedError('authorization header must be Bearer followed by a token', {
      realm: options.realm,
      error: 'invalid_request',
    });
  }
  return match[1];
}
