import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

/** The default gateway port (docs/api.md: the local base URL is http://127.0.0.1:3000). */
const DEFAULT_GATEWAY_PORT = 3000;

/**
 * Set to `1` by a program that starts the stack and holds its stdin: the stack stops when stdin
 * ends, i.e. when that program dies, however it dies.
 */
export const STOP_ON_STDIN_END = 'LOCAL_STACK_STOP_ON_STDIN_END';

export const DEV_HELP = `Usage: make dev [SERVICES=a,b|all] [ONLY=a,b] [PERSIST=DIR]
       npx tsx tools/local/src/cli/dev.ts [--services a,b|all] [--only a,b] [--persist DIR] [--json]

Runs every service of the workspace (Nx projects tagged type:app with a serverless.yml) behind one
gateway: DynamoDB Local, each service's tables created from its serverless.yml, serverless-offline
per service (handlers rebuilt on change), the dev issuer's JWKS and the services' metrics.
The services you name start at once; every other one starts on its first request (through the
gateway, or an invoke of one of its functions) and stops after IDLE_STOP seconds without one.
Prints one line per step, a table of URLs and "ready in N.N s". Ctrl-C stops everything.

Options:
  --services a,b   start these at once, with hot reload ("all": every one); the others start on
                   demand (default: every service on demand, or every --only one at once; env SERVICES)
  --only a,b       the stack holds only these services (default: all; env ONLY)
  --persist DIR    keep DynamoDB Local's data in DIR between runs (default: in memory; env PERSIST)
  --json           print JSON lines (services' log lines unchanged) instead of the pretty form
  -h, --help       print this help

Environment:
  GATEWAY_PORT       gateway port (default 3000)
  DYNAMODB_ENDPOINT  use this DynamoDB instead of starting DynamoDB Local
  DYNAMODB_PORT      port for DynamoDB Local (default: a free one)
  GATEWAY_CONCURRENCY  requests in flight per service at the gateway, more wait (default 8; 0: no limit)
  IDLE_STOP          seconds without a request before a service started on demand stops (default 600; 0: never)
  MAX_ON_DEMAND      services started on demand that run at once; one more stops the least recently
                     used (default 8; 0: no limit)
  JAVA_BIN           the java that runs DynamoDB Local (default: java on the PATH)
`;

export const TOKEN_HELP = `Usage: npm run -s token -- --sub <id> --tenant <id> [--scope "<scopes>"] [--expires-in <seconds>]
       make token SUB=<id> TENANT=<id> SCOPE="<scopes>"

Prints one JWT, and nothing else, signed by the dev issuer that the local stack trusts
(key in .local/dev-issuer, or DEV_ISSUER_DIR).

Options:
  --sub <id>              the customer (sub claim), required
  --tenant <id>           the tenant (tenant_id claim), required
  --scope "<scopes>"      space-separated scopes, e.g. "catalog:read orders:write" (default: none)
  --expires-in <seconds>  lifetime (default 3600); an expired token: --expires-in=-60
  -h, --help              print this help
`;

export const SEED_HELP = `Usage: make seed
       npx tsx tools/local/src/cli/seed.ts [--base-url URL] [--tenant ID]

Loads a small demo catalog and its stock into the running local stack, through the gateway, with a
token from the dev issuer. Safe to run again: products are replaced and stock is set, not added.

Options:
  --base-url URL   the gateway (default http://127.0.0.1:$GATEWAY_PORT, port 3000)
  --tenant ID      the tenant to seed (default demo)
  -h, --help       print this help
`;

/** What `dev.ts` was asked to do. */
export interface DevOptions {
  help: boolean;
  /** `--only`: the services the stack holds (undefined: every one). */
  only: string[] | undefined;
  /** `--services`: those started at once (`'all'`; undefined: every `--only` one, else none). */
  startAtOnce: string[] | 'all' | undefined;
  persistDir: string | undefined;
  /** Milliseconds (undefined: the stack's default). */
  idleStopMs: number | undefined;
  maxOnDemand: number | undefined;
  json: boolean;
  gatewayPort: number;
  dynamodbEndpoint: string | undefined;
  dynamodbPort: number | undefined;
  /** Requests in flight per service at the gateway (undefined: the default). */
  gatewayConcurrency: number | undefined;
}

/** What `token.ts` was asked to mint. */
export interface TokenOptions {
  help: boolean;
  sub: string;
  tenant: string;
  scope: string | undefined;
  expiresInSec: number;
}

/** What `seed.ts` was asked to do. */
export interface SeedOptions {
  help: boolean;
  baseUrl: string;
  tenant: string;
}

/** node:util's `parseArgs`, strict, its errors turned into {@link UsageError}s. */
function parse<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>({ strict: true, ...config });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError((error as Error).message, { cause: error });
    }
    throw error;
  }
}

/** A TCP port from a variable or option: an integer 0–65535 (0: any free one). */
export function parsePort(value: string, name: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port > 65535) {
    throw new UsageError(`${name} must be a port number (0-65535), not "${value}"`);
  }
  return port;
}

/** `a, b,,c` → `['a', 'b', 'c']`; `undefined` when nothing is named. */
export function listOf(value: string | undefined): string[] | undefined {
  const items = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * Reads `dev.ts`'s arguments and environment. Options win over their variables (`--services`
 * over `SERVICES`, `--only` over `ONLY`, `--persist` over `PERSIST`).
 *
 * @example
 * parseDevArgs(['--services', 'orders,catalog', '--json'], {}); // { startAtOnce: ['orders', 'catalog'], json: true, gatewayPort: 3000, … }
 */
export function parseDevArgs(args: readonly string[], env: NodeJS.ProcessEnv): DevOptions {
  const { values } = parse({
    args: [...args],
    options: {
      services: { type: 'string' },
      only: { type: 'string' },
      persist: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const gatewayPort = blankToUndefined(env['GATEWAY_PORT']);
  const dynamodbPort = blankToUndefined(env['DYNAMODB_PORT']);
  const dynamodbEndpoint = blankToUndefined(env['DYNAMODB_ENDPOINT']);
  if (dynamodbEndpoint !== undefined && !/^https?:\/\/[^/]+/.test(dynamodbEndpoint)) {
    throw new UsageError(
      `DYNAMODB_ENDPOINT must be a URL like http://127.0.0.1:8000, not "${dynamodbEndpoint}"`,
    );
  }
  const concurrency = blankToUndefined(env['GATEWAY_CONCURRENCY']);
  if (concurrency !== undefined && !/^\d+$/.test(concurrency)) {
    throw new UsageError(`GATEWAY_CONCURRENCY must be a whole number (0: no limit), not "${concurrency}"`);
  }
  const wholeNumber = (name: string): number | undefined => {
    const value = blankToUndefined(env[name]);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value))
      throw new UsageError(`${name} must be a whole number (0: no limit), not "${value}"`);
    return Number(value);
  };
  const idleStopSec = wholeNumber('IDLE_STOP');
  const started = listOf(values.services ?? env['SERVICES']);
  const persistDir = blankToUndefined(values.persist ?? env['PERSIST']);
  if (values.persist !== undefined && persistDir === undefined)
    throw new UsageError('--persist needs a folder');
  return {
    help: values.help === true,
    only: listOf(values.only ?? env['ONLY']),
    startAtOnce: started?.length === 1 && started[0] === 'all' ? 'all' : started,
    persistDir,
    idleStopMs: idleStopSec === undefined ? undefined : idleStopSec * 1000,
    maxOnDemand: wholeNumber('MAX_ON_DEMAND'),
    json: values.json === true,
    gatewayPort: gatewayPort === undefined ? DEFAULT_GATEWAY_PORT : parsePort(gatewayPort, 'GATEWAY_PORT'),
    dynamodbEndpoint,
    dynamodbPort: dynamodbPort === undefined ? undefined : parsePort(dynamodbPort, 'DYNAMODB_PORT'),
    gatewayConcurrency: concurrency === undefined ? undefined : Number(concurrency),
  };
}

/**
 * Reads `token.ts`'s arguments: `--sub` and `--tenant` required (unless `--help`), `--expires-in`
 * an integer number of seconds.
 *
 * @example
 * parseTokenArgs(['--sub', 'c-1', '--tenant', 't-1', '--scope', 'orders:read']);
 */
export function parseTokenArgs(args: readonly string[]): TokenOptions {
  const { values } = parse({
    args: [...args],
    options: {
      sub: { type: 'string' },
      tenant: { type: 'string' },
      scope: { type: 'string' },
      'expires-in': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const help = values.help === true;
  const sub = blankToUndefined(values.sub);
  const tenant = blankToUndefined(values.tenant);
  if (!help && sub === undefined) throw new UsageError('--sub is required');
  if (!help && tenant === undefined) throw new UsageError('--tenant is required');
  const expiresIn = values['expires-in'];
  if (expiresIn !== undefined && !/^-?\d+$/.test(expiresIn.trim())) {
    throw new UsageError(`--expires-in must be a whole number of seconds, not "${expiresIn}"`);
  }
  const scope = values.scope?.trim().split(/\s+/).filter(Boolean).join(' ');
  return {
    help,
    sub: sub ?? '',
    tenant: tenant ?? '',
    scope: scope === '' ? undefined : scope,
    expiresInSec: expiresIn === undefined ? 3600 : Number(expiresIn),
  };
}

/**
 * Reads `seed.ts`'s arguments; the base URL defaults to the gateway on `GATEWAY_PORT`.
 *
 * @example
 * parseSeedArgs([], { GATEWAY_PORT: '4000' }); // { baseUrl: 'http://127.0.0.1:4000', tenant: 'demo', help: false }
 */
export function parseSeedArgs(args: readonly string[], env: NodeJS.ProcessEnv): SeedOptions {
  const { values } = parse({
    args: [...args],
    options: {
      'base-url': { type: 'string' },
      tenant: { type: 'string', default: 'demo' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const gatewayPort = blankToUndefined(env['GATEWAY_PORT']);
  const port = gatewayPort === undefined ? DEFAULT_GATEWAY_PORT : parsePort(gatewayPort, 'GATEWAY_PORT');
  const baseUrl = blankToUndefined(values['base-url']) ?? `http://127.0.0.1:${port}`;
  try {
    new URL(baseUrl);
  } catch (cause) {
    throw new UsageError(`--base-url must be a URL, not "${baseUrl}"`, { cause });
  }
  const tenant = blankToUndefined(values.tenant);
  if (tenant === undefined) throw new UsageError('--tenant needs a value');
  return { help: values.help === true, baseUrl: baseUrl.replace(/\/+$/, ''), tenant };
}
