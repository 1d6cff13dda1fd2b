import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { findFreePort } from '@platform/testing';
import { STOP_ON_STDIN_END } from './cli-options';
import { StackProcessError } from './errors';
import type { StackInfo } from './local-stack';
import { processesMentioning, processTree, stillRunning, type ProcessEntry } from './process-table';
import { READY_LINE } from './stack-output';

/** The workspace this tool belongs to. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/** Options of {@link spawnDevStack}. */
export interface SpawnDevStackOptions {
  /** Arguments of dev.ts (`--services`, `--only`, `--persist`, `--json`). */
  args?: readonly string[];
  /** Another program to run instead of dev.ts that prints the same lines (a test's own stack). */
  entry?: string;
  /** Extra environment (`GATEWAY_PORT` is set from `gatewayPort`). */
  env?: NodeJS.ProcessEnv;
  /** The gateway's port (default: a free one, so a running `make dev` is not in the way). */
  gatewayPort?: number;
  /** How long to wait for the `ready in` line (default 180 s). */
  readyTimeoutMs?: number;
  /** Receives every line the stack prints (stdout and stderr). */
  onLine?: (line: string) => void;
  /** Aborting it while the stack starts stops it (SIGINT to its group) and rejects. */
  signal?: AbortSignal;
}

/** How a stopped stack ended. */
interface StackStop {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From sending the signal to the CLI's exit. */
  stopMs: number;
}

/** The dev CLI running as a child process, ready. */
export interface DevStackProcess {
  /** The CLI's pid (leader of the stack's process group). */
  readonly pid: number;
  readonly gatewayUrl: string;
  /** Milliseconds from spawning the CLI to its `ready in` line. */
  readonly spawnToReadyMs: number;
  /** The `ready in N.N s` line. */
  readonly readyLine: string;
  /** Every line printed so far. */
  output(): string[];
  /** The gateway's `/_stack` document. */
  info(): Promise<StackInfo>;
  /** The CLI and every process below it now. */
  processes(): ProcessEntry[];
  /**
   * Stops the stack: SIGINT to its whole process group by default (what a terminal's Ctrl-C does),
   * or `signal` to the CLI's pid alone with `{ group: false }`. Kills the group if it has not
   * exited within `timeoutMs` (default 10 s) and says so by throwing.
   */
  stop(signal?: NodeJS.Signals, options?: { group?: boolean; timeoutMs?: number }): Promise<StackStop>;
}

/** The `ready in N.N s` text of a line, pretty or JSON (`--json`); `undefined` for other lines. */
function readyText(line: string): string | undefined {
  if (READY_LINE.test(line)) return line;
  if (!line.startsWith('{')) return undefined;
  try {
    const msg = (JSON.parse(line) as { msg?: unknown }).msg;
    return typeof msg === 'string' && READY_LINE.test(msg) ? msg : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What is left of a stopped stack: the processes seen in its tree before the stop that still run
 * (pid and start time), and any process whose command line names one of the stack's ports
 * (serverless-offline's `--httpPort P`, DynamoDB Local's `-port P`).
 */
export function leftoverProcesses(before: readonly ProcessEntry[], info: StackInfo): ProcessEntry[] {
  const needles = info.services.flatMap((service) => {
    const port = /:(\d+)$/.exec(service.direct)?.[1];
    return port === undefined ? [] : [`--httpPort ${port}`];
  });
  const dynamoPort = /:(\d+)$/.exec(info.dynamodb.endpoint)?.[1];
  if (info.dynamodb.managed && dynamoPort !== undefined) needles.push(`-port ${dynamoPort}`);
  const found = new Map<number, ProcessEntry>();
  for (const entry of [...stillRunning(before), ...processesMentioning(needles)]) {
    if (entry.pid !== process.pid) found.set(entry.pid, entry);
  }
  return [...found.values()];
}

/**
 * Starts `tools/local/src/cli/dev.ts` as `make dev` should (`node --import tsx`, from the workspace
 * root), in its own process group, and resolves once it prints `ready in N.N s`. For tests, the e2e
 * runner and the benchmarks.
 *
 * @example
 * const stack = await spawnDevStack({ args: ['--services', 'catalog'] });
 * await fetch(`${stack.gatewayUrl}/catalog/health`);
 * await stack.stop();
 */
export async function spawnDevStack(options: SpawnDevStackOptions = {}): Promise<DevStackProcess> {
  const gatewayPort = options.gatewayPort ?? (await findFreePort());
  const spawnedAt = performance.now();
  // tsx's loader in this one process (`node --import tsx`), not the tsx CLI: that CLI relays signals
  // to a child it starts and SIGKILLs the child when it does not acknowledge one within 60 ms — a
  // stack busy stopping often does not, and is then killed half-way (the orphan reaper cleans up).
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      options.entry ?? join(WORKSPACE_ROOT, 'tools/local/src/cli/dev.ts'),
      ...(options.args ?? []),
    ],
    {
      cwd: WORKSPACE_ROOT,
      env: {
        ...process.env,
        // FORCE_COLOR=0 alone (with NO_COLOR too, Node warns that one is ignored): plain text output.
        FORCE_COLOR: '0',
        ...options.env,
        GATEWAY_PORT: String(gatewayPort),
        [STOP_ON_STDIN_END]: '1',
      },
      detached: true,
      // Its stdin is a pipe from this process: if this process dies, the stack stops by itself.
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  child.stdin?.on('error', () => undefined);
  const pid = child.pid;
  if (pid === undefined) throw new StackProcessError('the dev CLI did not start (no pid)');
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  let onReady: (line: string) => void = () => undefined;
  const ready = new Promise<string>((resolveReady) => {
    onReady = resolveReady;
  });
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        options.onLine?.(line);
        const ready = readyText(line);
        if (ready !== undefined) onReady(ready);
      }
    });
  }

  const killGroup = (): void => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const timeoutMs = options.readyTimeoutMs ?? 180_000;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: () => void = () => undefined;
  const outcome = await Promise.race([
    ready.then((line) => ({ kind: 'ready' as const, line })),
    exited.then((exit) => ({ kind: 'exited' as const, exit })),
    new Promise<{ kind: 'timeout' }>((resolveTimeout) => {
      timer = setTimeout(() => resolveTimeout({ kind: 'timeout' }), timeoutMs);
    }),
    new Promise<{ kind: 'aborted' }>((resolveAbort) => {
      onAbort = () => resolveAbort({ kind: 'aborted' });
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    }),
  ]);
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  if (outcome.kind === 'aborted') {
    // As a terminal's Ctrl-C would: the stack stops what it started so far.
    try {
      process.kill(-pid, 'SIGINT');
    } catch {
      // already gone
    }
    const stopTimer = setTimeout(killGroup, 10_000);
    await exited;
    clearTimeout(stopTimer);
    throw new StackProcessError('the stack was stopped while starting');
  }
  if (outcome.kind !== 'ready') {
    killGroup();
    const why =
      outcome.kind === 'exited'
        ? `exited (code ${String(outcome.exit.code)}, signal ${String(outcome.exit.signal)})`
        : `printed no ready line within ${timeoutMs} ms`;
    throw new StackProcessError(`the dev CLI ${why}. Its output:\n${lines.slice(-60).join('\n')}`);
  }
  const spawnToReadyMs = performance.now() - spawnedAt;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;

  return {
    pid,
    gatewayUrl,
    spawnToReadyMs,
    readyLine: outcome.line,
    output: () => [...lines],
    async info() {
      const response = await fetch(`${gatewayUrl}/_stack`);
      if (!response.ok) throw new StackProcessError(`GET /_stack answered ${response.status}`);
      return (await response.json()) as StackInfo;
    },
    processes: () => processTree(pid),
    async stop(signal = 'SIGINT', stopOptions = {}) {
      const sentAt = performance.now();
      if (!hasExited) {
        try {
          process.kill(stopOptions.group === false ? pid : -pid, signal);
        } catch {
          // already gone
        }
      }
      let stopTimer: NodeJS.Timeout | undefined;
      const result = await Promise.race([
        exited,
        new Promise<undefined>((resolveTimeout) => {
          stopTimer = setTimeout(() => resolveTimeout(undefined), stopOptions.timeoutMs ?? 10_000);
        }),
      ]);
      clearTimeout(stopTimer);
      if (result === undefined) {
        killGroup();
        throw new StackProcessError(
          `the dev CLI did not exit within ${stopOptions.timeoutMs ?? 10_000} ms of ${signal}; its group was killed`,
        );
      }
      return { ...result, stopMs: performance.now() - sentAt };
    },
  };
}
