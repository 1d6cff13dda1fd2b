import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevIssuer } from '@platform/auth/dev-issuer';
import { serveJwks, type JwksServer } from '../auth/jwks-server';

/** Where the global setup keeps the dev issuer's JWKS server for the teardown. */
export const DEV_ISSUER_JWKS_GLOBAL = '__platformDevIssuerJwks';

/** The variables {@link serveDevIssuerJwks} sets. */
export const AUTH_ENV_NAMES = ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL'] as const;

function writeToStderr(message: string): void {
  process.stderr.write(`${message}\n`);
}

/**
 * For a test run: unless `AUTH_JWKS_URL` is already set, loads the persisted dev issuer, serves
 * its JWKS on 127.0.0.1 and sets `AUTH_ISSUER`, `AUTH_AUDIENCE` and `AUTH_JWKS_URL` in `env`, so
 * tokens from `mintToken` verify with `createJwtVerifier(authConfigFromEnv())`.
 *
 * Never throws: a project whose tests do not use auth must not fail because of it. When the dev
 * issuer cannot be loaded, it says why through `warn` and leaves `env` alone.
 *
 * @example
 * const server = await serveDevIssuerJwks();
 * // ... tests ...
 * await server?.close();
 */
export async function serveDevIssuerJwks(
  env: NodeJS.ProcessEnv = process.env,
  warn: (message: string) => void = writeToStderr,
): Promise<JwksServer | undefined> {
  if (env['AUTH_JWKS_URL']) return undefined;
  try {
    const issuer = await loadOrCreateDevIssuer({ dir: env['DEV_ISSUER_DIR'] || undefined });
    const server = await serveJwks(() => issuer.jwks());
    env['AUTH_ISSUER'] = DEV_ISSUER;
    env['AUTH_AUDIENCE'] = DEV_AUDIENCE;
    env['AUTH_JWKS_URL'] = server.url;
    return server;
  } catch (error) {
    warn(
      `@platform/testing: the dev issuer is not served, AUTH_* stay unset (${
        error instanceof Error ? error.message : String(error)
      }).`,
    );
    return undefined;
  }
}
