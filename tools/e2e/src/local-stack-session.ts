import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { leftoverProcesses, spawnDevStack, WORKSPACE_ROOT, type DevStackProcess } from '@platform/local';
import { UsageError } from './errors';

/** At most this long between Ctrl-C's SIGINT and the stack's exit (docs/architecture.md: within 5 s). */
const STOP_BUDGET_MS = 5000;

/** How {@link withLocalStack} runs the stack. */
interface LocalStackSessionOptions {
  /** `--services a,b` of the stack (default: every service). */
  services?: string;
  /** Also print the stack's output (it is always written to reports/<logName>/stack.log). */
  verbose: boolean;
  /** The folder under reports/ that receives stack.log (`e2e`, `fuzz`). */
  logName: string;
  /** Where progress lines go. */
  say: (line: string) => void;
}

/** The gateway port from E2E_GATEWAY_PORT (undefined: a free one). */
function gatewayPortFromEnv(): number | undefined {
  const text = process.env['E2E_GATEWAY_PORT']?.trim();
  const port = text ? Number(text) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new UsageError(`E2E_GATEWAY_PORT must be a port number, not "${text}"`);
  }
  return port;
}

/** Stops the stack and reports whether it stopped in time and left nothing; true when clean. */
async function stopAndCheck(stack: DevStackProcess, say: (line: string) => void): Promise<boolean> {
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

/**
 * Starts the local stack (tools/local, on a free gateway port unless E2E_GATEWAY_PORT says one),
 * runs `run` with its gateway URL, stops the stack with Ctrl-C's SIGINT and checks that none of its
 * processes is left. Resolves with `run`'s status: 1 when it was 0 but the stack did not stop
 * cleanly, 130 when interrupted.
 *
 * @example
 * await withLocalStack({ verbose: false, logName: 'fuzz', say: console.log }, async (url) => 0);
 */
export async function withLocalStack(
  options: LocalStackSessionOptions,
  run: (gatewayUrl: string) => Promise<number>,
): Promise<number> {
  const { say } = options;
  const gatewayPort = gatewayPortFromEnv();
  const logDir = join(WORKSPACE_ROOT, 'reports', options.logName);
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, 'stack.log'));
  // Ctrl-C reaches this process and its children (one process group), not the stack (its own): stop it here.
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
    // Every service at once: the suites measure answers, not cold starts on demand.
    args: options.services ? ['--only', options.services] : ['--services', 'all'],
    ...(gatewayPort === undefined ? {} : { gatewayPort }),
    onLine: (line) => {
      log.write(`${line}\n`);
      if (options.verbose) process.stdout.write(`${line}\n`);
    },
  }).catch((error: unknown) => {
    log.end();
    throw error;
  });
  say(
    `stack ${stack.readyLine} (${(stack.spawnToReadyMs / 1000).toFixed(1)} s from spawn) at ${stack.gatewayUrl}`,
  );

  let status = 1;
  try {
    if (!interrupted) status = await run(stack.gatewayUrl);
  } finally {
    const clean = await stopAndCheck(stack, say);
    log.end();
    if (!clean && status === 0) status = 1;
  }
  say(`stack output: ${join('reports', options.logName, 'stack.log')}`);
  return interrupted && status === 0 ? 130 : status;
}
