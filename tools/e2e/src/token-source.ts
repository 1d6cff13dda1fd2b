import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadOrCreateDevIssuer, type DevIssuer } from '@platform/auth/dev-issuer';
import { TokenSourceError } from './errors';
import { isLoopback } from './e2e-config';

const run = promisify(execFile);
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Who a token is for (docs/api.md claims: `sub`, `tenant_id`, `scope`). */
interface Principal {
  sub: string;
  tenant: string;
  /** Space-separated scopes; `''` for a token with none. */
  scope: string;
}

/** Gives a bearer token for a principal. */
export type TokenSource = (principal: Principal) => Promise<string>;

/**
 * A token source that runs a command: `<command> --sub <sub> --tenant <tenant> --scope "<scope>"`,
 * through `sh -c` (so the command may hold arguments, `npm run -s token --` for one), and takes
 * its stdout, which must be one JWT.
 */
function commandTokenSource(command: string): TokenSource {
  return async (principal) => {
    let stdout: string;
    try {
      ({ stdout } = await run(
        'sh',
        [
          '-c',
          `${command} "$@"`,
          'e2e-token',
          '--sub',
          principal.sub,
          '--tenant',
          principal.tenant,
          '--scope',
          principal.scope,
        ],
        { timeout: 30_000 },
      ));
    } catch (cause) {
      const stderr = (cause as { stderr?: unknown }).stderr;
      throw new TokenSourceError(
        `E2E_TOKEN_COMMAND failed for sub ${principal.sub}, tenant ${principal.tenant}: ${
          typeof stderr === 'string' && stderr.trim() ? stderr.trim() : (cause as Error).message
        }`,
        { cause },
      );
    }
    const token = stdout.trim();
    if (!JWT.test(token)) {
      throw new TokenSourceError(
        `E2E_TOKEN_COMMAND printed something that is not one JWT: "${token.slice(0, 80)}"`,
      );
    }
    return token;
  };
}

/** A token source minting with the dev issuer, which the local stack trusts. */
function devIssuerTokenSource(issuer: Promise<DevIssuer> = loadOrCreateDevIssuer()): TokenSource {
  return async (principal) =>
    (await issuer).mint({
      sub: principal.sub,
      tenant: principal.tenant,
      ...(principal.scope ? { scope: principal.scope } : {}),
    });
}

/**
 * Where the suite's tokens come from: `E2E_TOKEN_COMMAND` when set (a deployed stage's issuer);
 * otherwise, for a local BASE_URL, the dev issuer; for a deployed BASE_URL without a command, an
 * error saying what to set. Tokens are cached per principal for the run.
 *
 * @example
 * const tokens = tokenSourceFromEnv('http://127.0.0.1:3000');
 * const token = await tokens({ sub: 'c-1', tenant: 't-1', scope: 'orders:read' });
 */
export function tokenSourceFromEnv(baseUrl: string, env: NodeJS.ProcessEnv = process.env): TokenSource {
  const command = env['E2E_TOKEN_COMMAND']?.trim();
  let source: TokenSource;
  if (command) source = commandTokenSource(command);
  else if (isLoopback(baseUrl)) source = devIssuerTokenSource();
  else {
    source = () =>
      Promise.reject(
        new TokenSourceError(
          `BASE_URL ${baseUrl} is not the local stack, whose dev issuer no deployed stage trusts: set E2E_TOKEN_COMMAND ` +
            'to a command that prints a token for --sub <id> --tenant <id> --scope "<scopes>" (see tools/e2e/README.md).',
        ),
      );
  }
  const cache = new Map<string, Promise<string>>();
  return (principal) => {
    const key = JSON.stringify([principal.sub, principal.tenant, principal.scope]);
    let token = cache.get(key);
    if (!token) {
      token = source(principal);
      cache.set(key, token);
      token.catch(() => cache.delete(key));
    }
    return token;
  };
}
