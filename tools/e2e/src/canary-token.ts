/* The deployed canary's token command (E2E_TOKEN_COMMAND in .github/workflows):
 *
 *   node --import tsx tools/e2e/src/canary-token.ts --sub <id> --tenant <id> --scope "<scopes>"
 *
 * POSTs {"sub", "tenant", "scope"} as JSON to CANARY_TOKEN_URL with the canary client's
 * credentials (HTTP Basic: CANARY_CLIENT_ID, CANARY_CLIENT_SECRET) and prints the `access_token`
 * of the answer: one JWT, nothing else. The stage's identity provider offers that endpoint to the
 * canary client only, for the tenants the suite makes up (`e2e-…`); the local dev issuer serves
 * the same contract at <gateway>/_dev/token (tools/e2e/README.md › Tokens). */
import { parseArgs } from 'node:util';
import { TokenSourceError, UsageError } from './errors';

const HELP = `Usage: node --import tsx tools/e2e/src/canary-token.ts --sub <id> --tenant <id> [--scope "<scopes>"]

Prints one JWT for the principal, from the stage's canary token endpoint.
Environment (GitHub: the variable CANARY_TOKEN_URL and the secrets CANARY_CLIENT_ID and
CANARY_CLIENT_SECRET of the stage's environment):
  CANARY_TOKEN_URL       the endpoint: POST {"sub","tenant","scope"} → {"access_token": "<jwt>"}
  CANARY_CLIENT_ID       the canary client, sent as HTTP Basic credentials
  CANARY_CLIENT_SECRET
`;

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** What the token request needs from the environment. */
interface CanaryClient {
  url: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Reads CANARY_TOKEN_URL, CANARY_CLIENT_ID and CANARY_CLIENT_SECRET.
 *
 * @throws {UsageError} naming every one that is missing, and where it is set
 */
function canaryClientFromEnv(env: NodeJS.ProcessEnv = process.env): CanaryClient {
  const missing = ['CANARY_TOKEN_URL', 'CANARY_CLIENT_ID', 'CANARY_CLIENT_SECRET'].filter(
    (name) => !env[name],
  );
  if (missing.length > 0) {
    throw new UsageError(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: the canary's token endpoint and client ` +
        "(in GitHub, the stage environment's variable CANARY_TOKEN_URL and secrets CANARY_CLIENT_ID, CANARY_CLIENT_SECRET)",
    );
  }
  return {
    url: String(env['CANARY_TOKEN_URL']),
    clientId: String(env['CANARY_CLIENT_ID']),
    clientSecret: String(env['CANARY_CLIENT_SECRET']),
  };
}

/**
 * Asks the canary token endpoint for a token of `principal`.
 *
 * @throws {TokenSourceError} with the endpoint's status and answer when it gives no JWT
 * @example
 * const token = await requestCanaryToken(canaryClientFromEnv(), { sub: 'c-1', tenant: 'e2e-x-acme', scope: 'orders:read' });
 */
async function requestCanaryToken(
  client: CanaryClient,
  principal: { sub: string; tenant: string; scope: string },
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(client.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      },
      body: JSON.stringify(principal),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (cause) {
    throw new TokenSourceError(`cannot reach CANARY_TOKEN_URL ${client.url}: ${(cause as Error).message}`, {
      cause,
    });
  }
  const text = await response.text();
  let token: unknown;
  try {
    token = (JSON.parse(text) as { access_token?: unknown }).access_token;
  } catch {
    token = undefined;
  }
  if (!response.ok || typeof token !== 'string' || !JWT.test(token)) {
    throw new TokenSourceError(
      `CANARY_TOKEN_URL ${client.url} answered ${response.status} without a JWT access_token: ${text.slice(0, 200)}`,
    );
  }
  return token;
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sub: { type: 'string' },
      tenant: { type: 'string' },
      scope: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!values.sub || !values.tenant) throw new UsageError('--sub and --tenant are required');
  const token = await requestCanaryToken(canaryClientFromEnv(), {
    sub: values.sub,
    tenant: values.tenant,
    scope: values.scope ?? '',
  });
  process.stdout.write(`${token}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const usage =
        error instanceof UsageError ||
        String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
      process.stderr.write(
        `canary-token: ${(error as Error).message}${usage ? ' (--help for usage)' : ''}\n`,
      );
      process.exitCode = usage ? 2 : 1;
    },
  );
}
