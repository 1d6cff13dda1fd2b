import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What {@link startLocalServer} runs and how it knows the server is ready. */
export interface LocalServerSpec {
  /** Named in errors: `DynamoDB Local`, `moto server`. */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** True once the server answers; called every 100 ms until it is, or until the deadline. */
  isAnswering: () => Promise<boolean>;
  /** How long to wait until it answers (default 30 s). */
  readyTimeoutMs?: number;
  /** Receives each line the server prints (through a pipe; not with `logFile`). */
  onOutput?: (line: string) => void;
  /**
   * Write the server's output to this file instead of a pipe. A server that logs every request
   * (moto) blocks once a pipe is full, and a pipe fills whenever this process blocks (a test in
   * `spawnSync`): a file never does.
   */
  logFile?: string;
  /** Runs once the process has exited, however it ended. */
  onExit?: () => void;
  /** Builds the error thrown when the server exits early or does not answer in time. */
  startError: (message: string) => Error;
}

/** A running server process. */
export interface LocalServer {
  readonly pid: number;
  /** Milliseconds from spawn to the first answered request. */
  readonly startupMs: number;
  /** The last lines it printed (at most 50), from its pipe or its log file. */
  output(): string[];
  /** Stops it (SIGTERM, then SIGKILL after 3 s) and resolves once it has exited. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills every server this process started if the process exits without stopping them. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/**
 * Starts a local server process (DynamoDB Local, the AWS API emulator) and resolves once
 * `isAnswering` says it serves requests. It is killed when this process exits without stopping it.
 *
 * @example
 * const server = await startLocalServer({
 *   name: 'moto server',
 *   command: '.venv/bin/moto_server',
 *   args: ['-H', '127.0.0.1', '-p', '5000'],
 *   isAnswering: () => fetch('http://127.0.0.1:5000/moto-api/').then((response) => response.ok, () => false),
 *   startError: (message) => new Error(message),
 * });
 * await server.stop();
 */
export async function startLocalServer(spec: LocalServerSpec): Promise<LocalServer> {
  const started = performance.now();
  let logFd: number | undefined;
  if (spec.logFile !== undefined) {
    mkdirSync(dirname(spec.logFile), { recursive: true });
    logFd = openSync(spec.logFile, 'w');
  }
  const child = spawn(spec.command, [...spec.args], {
    stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
    cwd: spec.cwd,
    env: spec.env ?? process.env,
  });
  if (logFd !== undefined) closeSync(logFd);
  running.add(child);
  installExitHook();

  const piped: string[] = [];
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      piped.push(line);
      if (piped.length > 50) piped.shift();
      spec.onOutput?.(line);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const output = (): string[] =>
    spec.logFile === undefined
      ? [...piped]
      : readFileSync(spec.logFile, 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .slice(-50);

  let hasExited = false;
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const exited = new Promise<void>((resolveExit) => {
    child.once('close', () => {
      hasExited = true;
      running.delete(child);
      spec.onExit?.();
      resolveExit();
    });
  });

  const timeoutMs = spec.readyTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  while (!(await spec.isAnswering())) {
    if (hasExited || spawnError) {
      const reason = spawnError ? `could not start (${spawnError.message})` : 'exited before it was ready';
      throw spec.startError(`${spec.name} ${reason}. Its output:\n${output().join('\n')}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw spec.startError(
        `${spec.name} did not answer within ${timeoutMs} ms. Its output:\n${output().join('\n')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const startupMs = performance.now() - started;
  if (child.pid === undefined) throw spec.startError(`${spec.name} did not start (no pid)`);

  return {
    pid: child.pid,
    startupMs,
    output,
    stop: async () => {
      if (hasExited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
