import {
  devIssuerDir,
  loadOrCreateDevIssuer,
  type DevIssuer,
  type MintOptions,
} from '@platform/auth/dev-issuer';

/** One persisted dev issuer per key folder, loaded once per process. */
const issuers = new Map<string, Promise<DevIssuer>>();

function persistedIssuer(): Promise<DevIssuer> {
  const dir = devIssuerDir();
  let issuer = issuers.get(dir);
  if (!issuer) {
    issuer = loadOrCreateDevIssuer({ dir });
    issuers.set(dir, issuer);
    issuer.catch(() => issuers.delete(dir));
  }
  return issuer;
}

/**
 * Mints a token with the persisted dev issuer (`.local/dev-issuer/`, or `DEV_ISSUER_DIR`): the
 * issuer whose JWKS the jest global setup serves at `AUTH_JWKS_URL`, so a handler verifying with
 * `createJwtVerifier(authConfigFromEnv())` accepts it.
 *
 * @example
 * import { httpApiEvent } from '@platform/testing';
 *
 * const token = await mintToken({ sub: 'customer-1', tenant: 'tenant-1', scope: 'orders:write' });
 * const event = httpApiEvent({ method: 'POST', path: '/orders', token, body: { lines: [{ sku: 'SKU-1', qty: 2 }] } });
 */
export async function mintToken(options: MintOptions): Promise<string> {
  return (await persistedIssuer()).mint(options);
}
