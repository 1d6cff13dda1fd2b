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
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  leftoverProcesses,
  LocalStackError,
  spawnDevStack,
  WORKSPACE_ROOT,
  type DevStackProcess,
} from '@platform/local';
import { E2eError, UsageError } from './errors';

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

/** At most this long between Ctrl-C's SIGINT and the stack's exit (ARCHITECTURE.md: within 5 s). */
const STOP_BUDGET_MS = 5000;

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

/** Stops the stack and reports whether it stopped in time and left nothing; true when clean. */
async function stopAndCheck(stack: DevStackProcess): Promise<boolean> {
  const info = await stack.info().catch(() => undefined);
  const before = stack.processes();
  let clean = true;
  try {
    const stopped = await stack.stop('SIGINT');
    say(`stack stopped in ${(stopped.stopMs / 1000).toFixed(1)} s (exit code ${String(stopped.code)})`);
    if (stopped.code !== 0 || stopped.stopMs > STOP_BUDGET_MS) clean = false;
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    clean = false;
  }
  const left = info ? leftoverProcesses(before, info) : [];
  if (left.length > 0) {
    clean = false;
    say(`${left.length} process(es) of the stack left running; killing them:`);
    for (const entry of left) {
      say(`  pid ${entry.pid}: ${entry.command}`);
      try {
        process.kill(entry.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  } else if (info) {
    say('no process of the stack is left');
  }
  return clean;
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
  const portText = process.env['E2E_GATEWAY_PORT']?.trim();
  const gatewayPort = portText ? Number(portText) : undefined;
  if (
    gatewayPort !== undefined &&
    !(Number.isInteger(gatewayPort) && gatewayPort > 0 && gatewayPort < 65536)
  ) {
    throw new UsageError(`E2E_GATEWAY_PORT must be a port number, not "${portText}"`);
  }

  const logDir = join(WORKSPACE_ROOT, 'reports', 'e2e');
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, 'stack.log'));
  // Ctrl-C reaches this process and jest (one process group), not the stack (its own): stop it here.
  let interrupted = false;
  const interrupt = new AbortController();
  const onSignal = (): void => {
    interrupted = true;
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  say('starting the local stack');
  const stack = await spawnDevStack({
    signal: interrupt.signal,
    args: values.services ? ['--services', values.services] : [],
    ...(gatewayPort === undefined ? {} : { gatewayPort }),
    onLine: (line) => {
      log.write(`${line}\n`);
      if (values.verbose) process.stdout.write(`${line}\n`);
    },
  }).catch((error: unknown) => {
    log.end();
    throw error;
  });
  say(
    `stack ${stack.readyLine} (${(stack.spawnToReadyMs / 1000).toFixed(1)} s from spawn) at ${stack.gatewayUrl}`,
  );

  let jestStatus = 1;
  try {
    if (!interrupted) jestStatus = await runJest(stack.gatewayUrl, positionals);
  } finally {
    const clean = await stopAndCheck(stack);
    log.end();
    if (!clean && jestStatus === 0) jestStatus = 1;
  }
  say(`stack output: ${join('reports', 'e2e', 'stack.log')}`);
  return interrupted && jestStatus === 0 ? 130 : jestStatus;
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
