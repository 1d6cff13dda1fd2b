/* Outside fuzzing: schemathesis against each service's openapi.yaml (`make fuzz`, the fuzz stage of make ci).
 *
 *   node --import tsx tools/e2e/src/fuzz.ts [--base-url URL] [--services a,b] [--max-examples N] [--seed N]
 *
 * With a base URL it fuzzes that stack; without, it starts the local stack (as make e2e does),
 * fuzzes it and stops it. One token with every scope, in a tenant of its own (fuzz-<run>). JUnit
 * per service in reports/junit/fuzz-<service>.xml, so the summary line counts it and make evidence
 * keeps it. Exits 0 when every service reports no failure. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalStackError, WORKSPACE_ROOT } from '@platform/local';
import { ALL_SCOPES, baseUrlFromEnv, RunNames } from './e2e-config';
import { E2eError, UsageError } from './errors';
import { withLocalStack } from './local-stack-session';
import { tokenSourceFromEnv } from './token-source';

function help(): string {
  return `Usage: make fuzz [BASE_URL=<url>] [SERVICES=a,b] [FUZZ_MAX_EXAMPLES=N] [FUZZ_SEED=N]
       node --import tsx tools/e2e/src/fuzz.ts [--base-url <url>] [--services a,b] [--max-examples N] [--seed N] [--verbose]

Runs schemathesis (.venv, tools/python/requirements.txt) against apps/<service>/openapi.yaml of each
service, through <url> (without one: a local stack started for the run and stopped after it), with
a token of every scope. Checks: ${CHECKS.join(', ')}.
  --services a,b      only these services (default: every service with an openapi.yaml)
  --max-examples N    test cases per operation and phase (default ${MAX_EXAMPLES}; FUZZ_MAX_EXAMPLES)
  --seed N            schemathesis's seed, printed so a run can be repeated (default ${SEED}; FUZZ_SEED)
  --verbose           also print the local stack's output (always in reports/fuzz/stack.log)
JUnit: reports/junit/fuzz-<service>.xml. Tokens as for the e2e suite (E2E_TOKEN_COMMAND, or the dev
issuer for a local URL).
`;
}

/** What schemathesis checks (the issue "Outside fuzzing in CI"). */
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
];
/** Enough to find what the services get wrong, and three services in about two minutes on two cores. */
const MAX_EXAMPLES = 50;
/** A fixed seed: make ci's run is the same every time; another seed explores further. */
const SEED = 20261208;
const SCHEMATHESIS = join(WORKSPACE_ROOT, '.venv', 'bin', 'schemathesis');
/** Keeps requests within what API Gateway lets through to a service (the file says why). */
const HOOKS = join(WORKSPACE_ROOT, 'tools', 'e2e', 'fuzz', 'schemathesis_hooks.py');

function say(line: string): void {
  process.stdout.write(`fuzz: ${line}\n`);
}

/** The services with an apps/<service>/openapi.yaml. */
function servicesWithContracts(): string[] {
  return readdirSync(join(WORKSPACE_ROOT, 'apps'))
    .filter((service) => existsSync(join(WORKSPACE_ROOT, 'apps', service, 'openapi.yaml')))
    .sort();
}

function positiveInteger(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`${name} must be a positive integer, not "${text}"`);
  return value;
}

interface FuzzSettings {
  services: string[];
  maxExamples: number;
  seed: number;
}

/** schemathesis on one service; resolves with its exit code. */
function runSchemathesis(
  service: string,
  baseUrl: string,
  token: string,
  settings: FuzzSettings,
): Promise<number> {
  const args = [
    'run',
    join('apps', service, 'openapi.yaml'),
    '--url',
    baseUrl,
    '--header',
    `Authorization: Bearer ${token}`,
    '--checks',
    CHECKS.join(','),
    '--max-examples',
    String(settings.maxExamples),
    '--seed',
    String(settings.seed),
    // No example database: a run depends on its seed alone (and leaves no .schemathesis/ behind).
    '--generation-database',
    'none',
    // One worker: fuzzing is no load test, and POST /orders already fans out to eight catalog reads.
    '--workers',
    '1',
    '--request-timeout',
    '30',
    '--report',
    'junit',
    '--report-junit-path',
    join('reports', 'junit', `fuzz-${service}.xml`),
    '--no-color',
  ];
  const child = spawn(SCHEMATHESIS, args, {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, SCHEMATHESIS_HOOKS: HOOKS },
    stdio: 'inherit',
  });
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.once('error', (error) => {
      say(
        `cannot run ${SCHEMATHESIS}: ${error.message} (make install-python-tools, or make fuzz, installs it)`,
      );
      resolve(1);
    });
  });
}

/** Fuzzes every selected service through `baseUrl`; 0 when none reports a failure. */
async function fuzz(baseUrl: string, settings: FuzzSettings): Promise<number> {
  const names = new RunNames();
  const token = await tokenSourceFromEnv(baseUrl)({
    sub: 'fuzz',
    tenant: names.tenant('fuzz'),
    scope: ALL_SCOPES,
  });
  mkdirSync(join(WORKSPACE_ROOT, 'reports', 'junit'), { recursive: true });
  say(
    `${settings.services.join(', ')} at ${baseUrl}: at most ${settings.maxExamples} examples per operation and phase, seed ${settings.seed}`,
  );
  const started = performance.now();
  const failed: string[] = [];
  for (const service of settings.services) {
    const serviceStarted = performance.now();
    const code = await runSchemathesis(service, baseUrl, token, settings);
    say(
      `${service}: ${code === 0 ? 'no failure' : `exit code ${code}`} in ${((performance.now() - serviceStarted) / 1000).toFixed(1)} s`,
    );
    if (code !== 0) failed.push(service);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  say(
    `${settings.services.length} service(s) fuzzed in ${seconds} s${failed.length ? `; failures in ${failed.join(', ')}` : ', no failure'}`,
  );
  return failed.length > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        'base-url': { type: 'string' },
        services: { type: 'string' },
        'max-examples': { type: 'string' },
        seed: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (cause) {
    throw new UsageError((cause as Error).message, { cause });
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(help());
    return 0;
  }
  const known = servicesWithContracts();
  const services = values.services
    ? values.services
        .split(',')
        .map((service) => service.trim())
        .filter(Boolean)
    : known;
  const unknown = services.filter((service) => !known.includes(service));
  if (unknown.length > 0) {
    throw new UsageError(
      `no openapi.yaml for ${unknown.join(', ')}: the services with one are ${known.join(', ')}`,
    );
  }
  const settings: FuzzSettings = {
    services,
    maxExamples: positiveInteger(
      values['max-examples'] ?? process.env['FUZZ_MAX_EXAMPLES'],
      'max examples',
      MAX_EXAMPLES,
    ),
    seed: positiveInteger(values.seed ?? process.env['FUZZ_SEED'], 'seed', SEED),
  };
  const given = values['base-url'] ?? process.env['BASE_URL'];
  if (given) return fuzz(baseUrlFromEnv({ BASE_URL: given }), settings);
  // The stack runs every service: orders needs catalog and inventory whichever is fuzzed.
  return withLocalStack({ verbose: values.verbose, logName: 'fuzz', say }, (gatewayUrl) =>
    fuzz(gatewayUrl, settings),
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`fuzz: ${error.message}\nRun with --help for usage.\n`);
      process.exit(2);
    }
    const known = error instanceof E2eError || error instanceof LocalStackError;
    process.stderr.write(
      `fuzz: ${known ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
