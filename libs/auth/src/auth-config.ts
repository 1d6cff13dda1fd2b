import { AuthConfigError } from './errors';
import type { JwtVerifierOptions } from './jwt-verifier';
import { parseJwksUrl } from './jwks-url';

/**
 * Reads the verifier's configuration from the environment: `AUTH_ISSUER` and `AUTH_AUDIENCE`
 * (required), `AUTH_JWKS_URL` (optional; default `<issuer>/.well-known/jwks.json`). Throws
 * {@link AuthConfigError} naming every missing variable, or the invalid one.
 *
 * @example
 * import { createJwtVerifier } from './jwt-verifier';
 *
 * // AUTH_ISSUER=https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc AUTH_AUDIENCE=orders
 * const verifier = createJwtVerifier(authConfigFromEnv());
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): JwtVerifierOptions {
  const issuer = env['AUTH_ISSUER']?.trim();
  const audience = env['AUTH_AUDIENCE']?.trim();
  if (!issuer || !audience) {
    const missing = [issuer ? undefined : 'AUTH_ISSUER', audience ? undefined : 'AUTH_AUDIENCE'].filter(
      Boolean,
    );
    throw new AuthConfigError(
      `Missing environment variable${missing.length === 1 ? '' : 's'} ${missing.join(', ')}: ` +
        "set the token issuer (AUTH_ISSUER) and this API's audience (AUTH_AUDIENCE).",
    );
  }
  const jwksUrl = env['AUTH_JWKS_URL']?.trim();
  if (!jwksUrl) return { issuer, audience };
  parseJwksUrl(jwksUrl, 'AUTH_JWKS_URL');
  return { issuer, audience, jwksUrl };
}
