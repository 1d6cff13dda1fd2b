import { DEFAULT_REALM, bearerChallenge, type BearerErrorCode } from './www-authenticate';

/** Options every error of this library accepts. */
export interface PlatformAuthErrorOptions {
  /** The error that led to this one (kept for logs, never shown to a client). */
  cause?: unknown;
}

/**
 * Base class of every error `@platform/auth` throws.
 *
 * @example
 * declare const error: unknown;
 * declare const logger: { warn(fields: object, message: string): void };
 * if (error instanceof PlatformAuthError) logger.warn({ err: error }, 'auth failed');
 */
export class PlatformAuthError extends Error {
  constructor(message: string, options?: PlatformAuthErrorOptions) {
    super(message, options);
    this.name = 'PlatformAuthError';
  }
}

/** What every {@link AuthError} is built from. */
interface AuthErrorInit extends PlatformAuthErrorOptions {
  message: string;
  status: 401 | 403;
  title: string;
  realm: string;
  error?: BearerErrorCode;
  scope?: readonly string[];
}

/**
 * A request that is not authenticated (401) or not allowed (403). Carries everything a
 * problem+json response needs: `status`, `title`, a client-safe `message` (the `detail`) and the
 * `WWW-Authenticate` header value (RFC 6750).
 *
 * @example
 * function authResponse(error: unknown) {
 *   if (!(error instanceof AuthError)) return undefined;
 *   return { statusCode: error.status, headers: { 'www-authenticate': error.wwwAuthenticate },
 *            body: JSON.stringify({ title: error.title, status: error.status, detail: error.message }) };
 * }
 */
export class AuthError extends PlatformAuthError {
  readonly status: 401 | 403;
  readonly title: string;
  /** Value of the `WWW-Authenticate` response header. */
  readonly wwwAuthenticate: string;
  /** The RFC 6750 error code, absent when the request carried no credentials at all. */
  readonly error: BearerErrorCode | undefined;

  constructor(init: AuthErrorInit) {
    super(init.message, { cause: init.cause });
    this.name = 'AuthError';
    this.status = init.status;
    this.title = init.title;
    this.error = init.error;
    this.wwwAuthenticate = bearerChallenge({
      realm: init.realm,
      error: init.error,
      description: init.message,
      scope: init.scope,
    });
  }
}

/** Options of {@link UnauthorizedError}. */
export interface UnauthorizedErrorOptions extends PlatformAuthErrorOptions {
  /** Realm named in the challenge (default `api`). */
  realm?: string;
  /**
   * RFC 6750 error code (default `invalid_token`); `null` when the request had no credentials,
   * which leaves the challenge without error attributes (RFC 6750 §3.1).
   */
  error?: 'invalid_token' | 'invalid_request' | null;
}

/**
 * 401: the bearer token is missing or invalid. The message is safe to show a client
 * ("token expired", "wrong audience", ...); the underlying cause is kept in `cause`.
 *
 * @example
 * throw new UnauthorizedError('token expired');
 * // status 401, title 'Unauthorized',
 * // wwwAuthenticate 'Bearer realm="api", error="invalid_token", error_description="token expired"'
 */
export class UnauthorizedError extends AuthError {
  constructor(message: string, options: UnauthorizedErrorOptions = {}) {
    const error = options.error === undefined ? 'invalid_token' : (options.error ?? undefined);
    super({
      message,
      status: 401,
      title: 'Unauthorized',
      realm: options.realm ?? DEFAULT_REALM,
      error,
      cause: options.cause,
    });
    this.name = 'UnauthorizedError';
  }
}

/** Options of {@link ForbiddenError}. */
export interface ForbiddenErrorOptions extends PlatformAuthErrorOptions {
  /** Every scope the resource needs, named in the challenge (default: the missing ones). */
  requiredScopes?: readonly string[];
  /** Realm named in the challenge (default `api`). */
  realm?: string;
}

/**
 * 403: the token is valid but lacks a scope the resource needs. `message` (client-safe) names what
 * is missing; the challenge's `scope` attribute lists every scope required.
 *
 * @example
 * throw new ForbiddenError('missing scope: orders:write', ['orders:write']);
 * // status 403, title 'Forbidden',
 * // wwwAuthenticate 'Bearer realm="api", error="insufficient_scope", error_description="missing scope: orders:write", scope="orders:write"'
 */
export class ForbiddenError extends AuthError {
  readonly missingScopes: readonly string[];
  readonly requiredScopes: readonly string[];

  constructor(message: string, missingScopes: readonly string[], options: ForbiddenErrorOptions = {}) {
    const requiredScopes = options.requiredScopes ?? missingScopes;
    super({
      message,
      status: 403,
      title: 'Forbidden',
      realm: options.realm ?? DEFAULT_REALM,
      error: 'insufficient_scope',
      scope: requiredScopes,
      cause: options.cause,
    });
    this.name = 'ForbiddenError';
    this.missingScopes = Object.freeze([...missingScopes]);
    this.requiredScopes = Object.freeze([...requiredScopes]);
  }
}

/**
 * The verifier's configuration is unusable (a missing environment variable, an algorithm outside
 * the allow-list, a JWKS URL that is not https). Thrown at construction, i.e. at cold start.
 *
 * @example
 * import { createJwtVerifier } from './jwt-verifier';
 *
 * declare const issuer: string, audience: string;
 * createJwtVerifier({ issuer, audience, algorithms: ['HS256' as never] }); // throws AuthConfigError
 */
export class AuthConfigError extends PlatformAuthError {
  constructor(message: string, options?: PlatformAuthErrorOptions) {
    super(message, options);
    this.name = 'AuthConfigError';
  }
}

/**
 * The issuer's JWKS could not be fetched (timeout, connection refused, non-200, not a JWKS): the
 * token was not judged, so this is a 503 for the client, not a 401.
 *
 * @example
 * function statusFor(error: unknown): number {
 *   if (error instanceof JwksUnavailableError) return error.status; // 503: retry later, not a 401
 *   return error instanceof AuthError ? error.status : 500;
 * }
 */
export class JwksUnavailableError extends PlatformAuthError {
  readonly status = 503;
  readonly title = 'Service Unavailable';

  constructor(message: string, options?: PlatformAuthErrorOptions) {
    super(message, options);
    this.name = 'JwksUnavailableError';
  }
}

/**
 * The dev issuer could not find the workspace or read, write or parse its key folder.
 *
 * @example
 * import { loadOrCreateDevIssuer } from './dev-issuer/key-folder';
 *
 * await loadOrCreateDevIssuer({ dir: '/read-only' }); // rejects with DevIssuerError
 */
export class DevIssuerError extends PlatformAuthError {
  constructor(message: string, options?: PlatformAuthErrorOptions) {
    super(message, options);
    this.name = 'DevIssuerError';
  }
}
