/* The e2e suite against a local stack started for it (`make e2e`, `make canary` locally, .ci/run):
 *
 *   node --import tsx tools/e2e/src/run-local.ts [--services a,b] [--verbose] [-- <jest arguments>]
 *
 * Starts the stack (tools/local/src/cli/dev.ts, on a free gateway port unless E2E_GATEWAY_PORT says
 * one), waits for its ready line, runs tools/e2e's jest suite with BASE_URL at its gateway, stops the
 * stack with Ctrl-C's SIGINT, checks that none of its processes is left, and exits with jest's
 * status (1 if jest passed but the stack did not stop cleanly). The stack's output goes to
 * reports/e2e/stack.log (and to the terminal with --verbose). --help for usage. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalStackError, WORKSPACE_ROOT } from '@platform/local';
import { E2eError, UsageError } from './errors';
import { withLocalStack } from './local-stack-session';

const HELP = `Usage: node --import tsx tools/e2e/src/run-local.ts [--services a,b] [--verbose] [-- <jest arguments>]

Starts the local stack, runs the e2e suite (tools/e2e) against its gateway, stops the stack and
checks that nothing of it is left. Exits with jest's status.

Options:
  --services a,b   start only these services (the suite needs catalog, inventory and orders)
  --verbose        also print the stack's output (always written to reports/e2e/stack.log)
  -h, --help       print this help

Environment:
  E2E_GATEWAY_PORT   the stack's gateway port (default: a free one, so a running make dev is not in the way)
  E2E_TOKEN_COMMAND  left unset: tokens come from the dev issuer the local stack trusts
`;

function say(line: string): void {
  process.stdout.write(`e2e: ${line}\n`);
}

function runJest(baseUrl: string, jestArgs: readonly string[]): Promise<number> {
  const jest = join(WORKSPACE_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const child = spawn(
    process.execPath,
    [jest, '-c', join(WORKSPACE_ROOT, 'tools/e2e/jest.config.js'), '--ci', ...jestArgs],
    {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, BASE_URL: baseUrl },
      stdio: 'inherit',
    },
  );
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.once('error', () => resolve(1));
  });
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        services: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (cause) {
    throw new UsageError((cause as Error).message, { cause });
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  return withLocalStack(
    { services: values.services, verbose: values.verbose, logName: 'e2e', say },
    (gatewayUrl) => runJest(gatewayUrl, positionals),
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`e2e: ${error.message}\nRun with --help for usage.\n`);
      process.exit(2);
    }
    const known = error instanceof E2eError || error instanceof LocalStackError;
    process.stderr.write(
      `e2e: ${known ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
