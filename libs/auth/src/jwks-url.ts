import { AuthConfigError } from './errors';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The JWKS URL OIDC issuers (Cognito, Auth0, the dev issuer) publish: `<issuer>/.well-known/jwks.json`. */
export function defaultJwksUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`;
}

/**
 * Parses a JWKS URL, accepting https anywhere and plain http only on loopback (the local stack and
 * tests): keys fetched over plain http from elsewhere could be swapped in transit.
 * `label` names the setting in the error (`jwksUrl`, `AUTH_JWKS_URL`).
 */
export function parseJwksUrl(value: string, label: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new AuthConfigError(`${label} is not a valid URL: ${value}`, { cause });
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || url.hostname.startsWith('127.');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new AuthConfigError(
      `${label} must be an https URL (plain http only on localhost/127.0.0.1): ${value}`,
    );
  }
  return url;
}
