import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AuthConfigError } from './errors';
import { defaultJwksUrl, parseJwksUrl } from './jwks-url';
import { principalFromClaims, type Principal } from './principal';
import { keyResolutionError, rejectionFor } from './token-rejection';
import { DEFAULT_REALM } from './www-authenticate';

/** The signature algorithms a token may use. `none` and the HS* family are never accepted. */
export type AllowedAlgorithm = 'RS256' | 'ES256';

/**
 * Every algorithm {@link createJwtVerifier} can be told to accept.
 *
 * @example
 * ALLOWED_ALGORITHMS.includes('RS256'); // true
 */
export const ALLOWED_ALGORITHMS: readonly AllowedAlgorithm[] = Object.freeze(['RS256', 'ES256']);

/** The largest clock tolerance accepted: a bigger one would keep expired tokens alive. */
const MAX_CLOCK_TOLERANCE_SEC = 300;

/**
 * Options of {@link createJwtVerifier}.
 *
 * @example
 * const options: JwtVerifierOptions = {
 *   issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
 *   audience: 'orders',
 *   cacheMaxAgeMs: 3_600_000,
 * };
 */
export interface JwtVerifierOptions {
  /** The `iss` every token must carry, exactly. */
  issuer: string;
  /** A value the token's `aud` must contain. */
  audience: string;
  /** Default: `${issuer without trailing slash}/.well-known/jwks.json`. https, or http on loopback only. */
  jwksUrl?: string;
  /** Default `['RS256', 'ES256']`; anything else is an {@link AuthConfigError} at construction. */
  algorithms?: AllowedAlgorithm[];
  /** Leeway for `exp` / `nbf`, in seconds (default 5, at most 300). */
  clockToleranceSec?: number;
  /** How long fetched keys are used before they are fetched again (jose default: 10 minutes). */
  cacheMaxAgeMs?: number;
  /** After a fetch, how long an unknown `kid` waits before it may trigger another (jose default: 30 s). */
  cooldownMs?: number;
  /** Timeout of the JWKS request (jose default: 5 s). */
  timeoutMs?: number;
  /** Realm named in `WWW-Authenticate` challenges (default `api`). */
  realm?: string;
}

/**
 * Verifies bearer tokens; create one per cold start so its JWKS cache is shared.
 *
 * @example
 * import { authConfigFromEnv } from './auth-config';
 *
 * declare const token: string;
 * const verifier: JwtVerifier = createJwtVerifier(authConfigFromEnv());
 * const { sub, tenantId } = await verifier.verify(token);
 */
export interface JwtVerifier {
  /**
   * Verifies signature, algorithm, `iss`, `aud`, `exp` and `nbf`, then maps the claims to a
   * {@link Principal}. Rejects with {@link UnauthorizedError} (client-safe message) when the token
   * is invalid, or with {@link JwksUnavailableError} when the signing keys could not be fetched.
   */
  verify(token: string): Promise<Principal>;
}

function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AuthConfigError(`${name} must be a non-empty string`);
  }
  return value;
}

function optionalDuration(value: number | undefined, name: string, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const valid = integer ? Number.isSafeInteger(value) : !Number.isNaN(value);
  if (typeof value !== 'number' || !valid || value < 0) {
    throw new AuthConfigError(`${name} must be a non-negative ${integer ? 'integer' : 'number'}`);
  }
  return value;
}

function allowedAlgorithms(algorithms: readonly string[] | undefined): AllowedAlgorithm[] {
  if (algorithms === undefined) return [...ALLOWED_ALGORITHMS];
  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    throw new AuthConfigError('algorithms must list at least one of RS256, ES256');
  }
  const refused = algorithms.filter((alg) => !(ALLOWED_ALGORITHMS as readonly string[]).includes(alg));
  if (refused.length > 0) {
    throw new AuthConfigError(
      `algorithms may only contain RS256 and ES256; refused: ${refused.map(String).join(', ')}`,
    );
  }
  return [...new Set(algorithms as AllowedAlgorithm[])];
}

function clockTolerance(value: number | undefined): number {
  if (value === undefined) return 5;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_CLOCK_TOLERANCE_SEC) {
    throw new AuthConfigError(`clockToleranceSec must be a number from 0 to ${MAX_CLOCK_TOLERANCE_SEC}`);
  }
  return value;
}

/**
 * Creates a verifier for bearer JWTs signed by one issuer, whose public keys are fetched from its
 * JWKS over HTTP and cached (jose `createRemoteJWKSet`). Validates the options at once and throws
 * {@link AuthConfigError} when they are unusable. Create it at module load, once per cold start.
 *
 * @example
 * import { authConfigFromEnv } from './auth-config';
 * import { bearerToken } from './bearer-token';
 * import { requireScopes } from './require-scopes';
 *
 * declare const event: { headers: Record<string, string | undefined> }; // an API Gateway event
 * const verifier = createJwtVerifier(authConfigFromEnv());
 * const principal = await verifier.verify(bearerToken(event.headers['authorization']));
 * requireScopes(principal, ['orders:read']);
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const issuer = requireText(options.issuer, 'issuer');
  const audience = requireText(options.audience, 'audience');
  const algorithms = allowedAlgorithms(options.algorithms);
  const tolerance = clockTolerance(options.clockToleranceSec);
  const realm = options.realm === undefined ? DEFAULT_REALM : requireText(options.realm, 'realm');
  const jwksUrl = parseJwksUrl(options.jwksUrl ?? defaultJwksUrl(issuer), 'jwksUrl');

  const remoteKeys = createRemoteJWKSet(jwksUrl, {
    cacheMaxAge: optionalDuration(options.cacheMaxAgeMs, 'cacheMaxAgeMs'),
    cooldownDuration: optionalDuration(options.cooldownMs, 'cooldownMs'),
    timeoutDuration: optionalDuration(options.timeoutMs, 'timeoutMs', true),
  });
  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      return await remoteKeys(header, token);
    } catch (error) {
      throw keyResolutionError(error, jwksUrl.href);
    }
  };

  return {
    async verify(token: string): Promise<Principal> {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          issuer,
          audience,
          algorithms,
          clockTolerance: tolerance,
          requiredClaims: ['exp'],
        }));
      } catch (error) {
        throw rejectionFor(error, realm);
      }
      return principalFromClaims(payload, { realm });
    },
  };
}
