/* The canary: the end-to-end suite against a base URL, per service and per stage (`make canary`).
 *
 *   node --import tsx tools/e2e/src/canary.ts --base-url <url> [--stage dev] [--services a,b]
 *
 * A service's canary runs only its own folder, tests/<service>/ (a per-service deploy leg checks
 * the service it deployed); no --services runs the whole suite, tests/platform/ included. Stage
 * prod runs only the read-only *.smoke.test.ts files, with a client that refuses any write. */
import { stageBaseUrl } from '@platform/ci/stage-base-url';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { E2eError, UsageError } from './errors';
import { baseUrlFromEnv } from './e2e-config';

const HELP = `Usage: make canary BASE_URL=<url> [STAGE=dev] [SERVICES=a,b]
       node --import tsx tools/e2e/src/canary.ts --base-url <url> [--stage dev] [--services a,b] [-- <jest arguments>]

Runs the end-to-end suite against <url>: the stage's base URL (every service under /<service>), or
the local gateway. Without --base-url (and BASE_URL), the stage's base URL is read from SSM
/serverless-factory/<stage>/base-url, which the bootstrap stack writes (AWS credentials needed).
  --services a,b   only tests/<service>/ of each (default: every test, tests/platform/ included)
  --stage prod     only the read-only *.smoke.test.ts files, through a client that refuses writes
Tokens: E2E_TOKEN_COMMAND for a deployed stage (make canary-token in GitHub Actions); the local
dev issuer for a local base URL.
`;

const TESTS_DIR = join(__dirname, '..', 'tests');
const WORKSPACE_ROOT = join(__dirname, '..', '..', '..');
/** Folders of tests/ that are not a service's suite. */
const NOT_A_SERVICE = new Set(['support', 'platform']);

/** The services that have a suite: tests/<service>/. */
export function servicesWithSuites(dir = TESTS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !NOT_A_SERVICE.has(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** What jest runs for a stage and a selection of services. */
export interface CanaryPlan {
  /** `--testPathPattern`s: one folder per service, none for the whole suite. */
  readonly paths: readonly string[];
  /** Only the read-only smoke files, with writes refused (prod). */
  readonly readOnly: boolean;
}

/**
 * The canary's selection: `services` (checked against the suites that exist) or everything, and
 * read-only smoke files only for prod.
 *
 * @throws {UsageError} naming the services that have a suite when one requested has none
 * @example
 * canaryPlan('prod', ['orders']); // { paths: ['tests/orders/'], readOnly: true }
 */
export function canaryPlan(
  stage: string,
  services: readonly string[] | undefined,
  dir = TESTS_DIR,
): CanaryPlan {
  const known = servicesWithSuites(dir);
  const unknown = (services ?? []).filter((service) => !known.includes(service));
  if (unknown.length > 0) {
    throw new UsageError(
      `no canary suite for ${unknown.join(', ')}: the services with one are ${known.join(', ')} (tools/e2e/tests/<service>/)`,
    );
  }
  return {
    paths: (services ?? []).map((service) => `tests/${service}/`),
    readOnly: stage === 'prod',
  };
}

function runJest(plan: CanaryPlan, baseUrl: string, extra: readonly string[]): Promise<number> {
  const args = [
    join(WORKSPACE_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
    '-c',
    join(WORKSPACE_ROOT, 'tools/e2e/jest.config.js'),
    '--ci',
    ...(plan.readOnly ? ['--testMatch', '**/*.smoke.test.ts'] : []),
    ...(plan.paths.length > 0 ? ['--testPathPatterns', ...plan.paths] : []),
    ...extra,
  ];
  const child = spawn(process.execPath, args, {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, BASE_URL: baseUrl, ...(plan.readOnly ? { E2E_READ_ONLY: '1' } : {}) },
    stdio: 'inherit',
  });
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.once('error', () => resolve(1));
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'base-url': { type: 'string' },
      stage: { type: 'string' },
      services: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const stage = values.stage || 'dev';
  const given = values['base-url'] ?? process.env['BASE_URL'];
  const baseUrl = baseUrlFromEnv({
    BASE_URL: given || (await stageBaseUrl(stage, (message, cause) => new E2eError(message, { cause }))),
  });
  const services = values.services
    ? values.services
        .split(',')
        .map((service) => service.trim())
        .filter(Boolean)
    : undefined;
  const plan = canaryPlan(stage, services);
  process.stdout.write(
    `canary: ${services ? services.join(', ') : 'every service'} at ${baseUrl} (${stage}${plan.readOnly ? ': read-only smoke' : ''})\n`,
  );
  return runJest(plan, baseUrl, positionals);
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
      const message = error instanceof E2eError || usage ? (error as Error).message : String(error);
      process.stderr.write(`canary: ${message}${usage ? ' (--help for usage)' : ''}\n`);
      process.exitCode = usage ? 2 : 1;
    },
  );
}
