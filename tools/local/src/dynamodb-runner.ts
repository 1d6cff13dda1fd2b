import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoDbClient, startDynamoDbLocal, type DynamoDbLocal } from '@platform/testing';
import { resolve } from 'node:path';
import { DynamoDbUnavailableError } from './errors';
import type { OrphanReaper } from './orphan-reaper';
import { assertPortFree } from './ports';
import { isAlive } from './process-table';
import { seconds, type StackOutput } from './stack-output';

/** How often a started DynamoDB Local is checked for being alive. */
const DYNAMODB_WATCH_MS = 1000;

/** The stack's DynamoDB: a DynamoDB Local it started, or the endpoint it was given. */
export interface DynamoDbRunner {
  readonly endpoint: string;
  /** Whether the stack started it (not `DYNAMODB_ENDPOINT`). */
  readonly managed: boolean;
  /** Where a started one keeps its data (`undefined`: in memory, or not started by the stack). */
  readonly persistDir: string | undefined;
  /** Settles once it answers; rejects when it cannot start or does not answer. */
  readonly ready: Promise<void>;
  pid(): number | undefined;
  /** Calls `onDeath` once if a started DynamoDB Local dies while `alive()` says it should run. */
  watch(onDeath: () => void, alive: () => boolean): void;
  /** Stops a started one (a start in progress is awaited up to 3 s first); stops watching. */
  stop(): Promise<void>;
}

/** Options of {@link startDynamoDb}. */
export interface DynamoDbRunnerOptions {
  /** Use this DynamoDB (DYNAMODB_ENDPOINT) instead of starting DynamoDB Local. */
  endpoint?: string;
  /** DynamoDB Local's port (chosen by the stack with its others). */
  port?: number;
  /** The port was asked for (DYNAMODB_PORT): a taken one is an error naming its holder. */
  portAsked?: boolean;
  persistDir?: string;
  output: StackOutput;
  /** Receives DynamoDB Local's output lines. */
  onLine: (line: string) => void;
  /** Told DynamoDB Local's pid, so that it dies with the stack's process. */
  reaper: OrphanReaper;
}

async function checkDynamoDb(endpoint: string): Promise<void> {
  const client = localDynamoDbClient(endpoint);
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(5000) });
  } catch (cause) {
    throw new DynamoDbUnavailableError(
      `DYNAMODB_ENDPOINT ${endpoint} does not answer (${cause instanceof Error ? cause.message : String(cause)}): ` +
        'start that DynamoDB, or unset DYNAMODB_ENDPOINT to let the stack start DynamoDB Local.',
      { cause },
    );
  } finally {
    client.destroy();
  }
}

/**
 * Starts the stack's DynamoDB: checks the given endpoint, or starts DynamoDB Local on `port`
 * (in memory, or persisted). Returns at once; `ready` settles when it answers. The one owner of
 * DynamoDB Local's process and of watching it.
 *
 * @example
 * declare const output: StackOutput;
 * declare const reaper: OrphanReaper;
 * const dynamodb = await startDynamoDb({ port: 8000, output, onLine: () => undefined, reaper });
 * await dynamodb.ready;
 */
export async function startDynamoDb(options: DynamoDbRunnerOptions): Promise<DynamoDbRunner> {
  const { output } = options;
  let timer: NodeJS.Timeout | undefined;
  if (options.endpoint) {
    const endpoint = options.endpoint;
    const ready = checkDynamoDb(endpoint).then(() =>
      output.step('dynamodb', `using ${endpoint} (DYNAMODB_ENDPOINT)`),
    );
    ready.catch(() => undefined);
    return {
      endpoint,
      managed: false,
      persistDir: undefined,
      ready,
      pid: () => undefined,
      watch: () => undefined,
      stop: async () => undefined,
    };
  }
  const port = options.port;
  if (port === undefined) throw new DynamoDbUnavailableError('no port for DynamoDB Local');
  if (options.portAsked) {
    await assertPortFree(port, 'DynamoDB Local', 'stop it, or set another DYNAMODB_PORT');
  }
  const persistDir = options.persistDir ? resolve(options.persistDir) : undefined;
  output.step(
    'dynamodb',
    `starting DynamoDB Local ${persistDir ? `(persisting to ${persistDir})` : '(in memory)'}`,
  );
  let running: DynamoDbLocal | undefined;
  const ready = startDynamoDbLocal({
    port,
    ...(persistDir ? { persistDir } : {}),
    onOutput: options.onLine,
  }).then((started) => {
    running = started;
    options.reaper.watchPid(started.pid);
    output.step('dynamodb', `ready on ${started.endpoint} in ${seconds(started.startupMs)}`);
  });
  ready.catch(() => undefined);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    managed: true,
    persistDir,
    ready,
    pid: () => running?.pid,
    watch(onDeath, alive) {
      const started = running;
      if (!started) return;
      timer = setInterval(() => {
        if (!alive() || isAlive(started.pid)) return;
        // Ctrl-C reaches DynamoDB Local (same process group) as fast as it reaches us: look again later.
        setTimeout(() => {
          if (alive()) onDeath();
        }, 500).unref();
      }, DYNAMODB_WATCH_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      // A DynamoDB Local still starting is awaited briefly; libs/testing's exit hook kills it otherwise.
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([
        ready.catch(() => undefined),
        new Promise((resolveWait) => {
          wait = setTimeout(resolveWait, 3000);
        }),
      ]);
      clearTimeout(wait);
      await running?.stop();
    },
  };
}
