import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AwsEmulatorStartError } from '../errors';
import { findFreePort } from '../dynamodb/ports';
import { startLocalServer } from '../process/local-server';

/** The repository root, where `make python-tools` keeps the `.venv` with moto. */
const WORKSPACE_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** The account every request to the emulator acts in (moto's default). */
export const EMULATOR_ACCOUNT_ID = '123456789012';

/** Options of {@link startAwsEmulator}. */
export interface StartAwsEmulatorOptions {
  /** TCP port on 127.0.0.1; a free one is chosen when omitted. */
  port?: number;
  /** Region the returned environment names (default `us-east-1`). */
  region?: string;
  /** The `moto_server` executable (default `MOTO_SERVER`, else `.venv/bin/moto_server`). */
  executable?: string;
  /** How long to wait until it answers (default 30 s). */
  readyTimeoutMs?: number;
  /**
   * Where the server's output goes (a line per request, and its warnings about resource types it
   * does not create); default `<tmp>/moto-<port>.log`. A file, not a pipe: see `LocalServerSpec.logFile`.
   */
  logFile?: string;
}

/** A running AWS API emulator. */
export interface AwsEmulator {
  /** `http://127.0.0.1:<port>`: every AWS SDK client goes there through `AWS_ENDPOINT_URL`. */
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  readonly startupMs: number;
  /** The variables that send a process to the emulator: the endpoint, dummy credentials, the region. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * `base` (default `process.env`) with {@link env} added and every variable that could send a
   * client elsewhere removed (profile, session token, web identity): the environment of a child
   * process that must talk to the emulator and to nothing else.
   */
  processEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Where its output goes. */
  readonly logFile: string;
  /** Its last lines of output. */
  output(): string[];
  /** Stops the server and resolves once it has exited (its state is gone with it). */
  stop(): Promise<void>;
}

/** The moto server of `.venv`, or a clear error saying how to get it. */
export function findMotoServer(executable = process.env['MOTO_SERVER']): string {
  const candidate = executable ?? join(WORKSPACE_ROOT, '.venv', 'bin', 'moto_server');
  if (existsSync(candidate)) return candidate;
  throw new AwsEmulatorStartError(
    `No AWS API emulator at ${candidate}. It is the pinned moto server of tools/python/requirements.txt: ` +
      'run `make python-tools` (make test and make ci do it for you; it needs python3 ≥ 3.10 with venv).',
  );
}

async function isAnswering(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts the AWS API emulator (moto server, pinned in tools/python/requirements.txt) on 127.0.0.1
 * and resolves once it answers. Its state lives in memory: every start is an empty account.
 * The deploy path (S3, CloudFormation change sets, SSM, IAM, Lambda, DynamoDB control plane) runs
 * against it for real; it creates Lambda functions but runs none (docs/emulator.md).
 *
 * @example
 * import { execFileSync } from 'node:child_process';
 *
 * const aws = await startAwsEmulator();
 * execFileSync('make', ['deploy'], { env: { ...process.env, ...aws.env } });
 * await aws.stop();
 */
export async function startAwsEmulator(options: StartAwsEmulatorOptions = {}): Promise<AwsEmulator> {
  const command = findMotoServer(options.executable);
  const port = options.port ?? (await findFreePort());
  const endpoint = `http://127.0.0.1:${port}`;
  const region = options.region ?? 'us-east-1';
  const logFile = options.logFile ?? join(tmpdir(), `moto-${port}.log`);
  const server = await startLocalServer({
    name: 'the AWS API emulator (moto server)',
    command,
    args: ['-H', '127.0.0.1', '-p', String(port)],
    cwd: WORKSPACE_ROOT,
    // moto's own boto3 must not find credentials or endpoints meant for the caller.
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', LANG: 'C.UTF-8' },
    isAnswering: () => isAnswering(endpoint),
    readyTimeoutMs: options.readyTimeoutMs,
    logFile,
    startError: (message) => new AwsEmulatorStartError(`${message}\n(port ${port})`),
  });
  return {
    endpoint,
    port,
    pid: server.pid,
    startupMs: server.startupMs,
    logFile,
    env: emulatorEnvironment(endpoint, region),
    processEnv: (base = process.env) => emulatorProcessEnv(base, endpoint, region),
    output: () => server.output(),
    stop: () => server.stop(),
  };
}

/** Variables that would send an AWS client to a real account even with the emulator's set. */
const ELSEWHERE = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
];

/**
 * `base` with {@link emulatorEnvironment} added and every variable removed that could send an AWS
 * client (SDK v3, the AWS CLI, the Serverless Framework) to a real account.
 *
 * @example
 * import { spawn } from 'node:child_process';
 *
 * declare const aws: AwsEmulator;
 * spawn('make', ['deploy'], { env: emulatorProcessEnv(process.env, aws.endpoint) });
 */
export function emulatorProcessEnv(
  base: NodeJS.ProcessEnv,
  endpoint: string,
  region = 'us-east-1',
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, ...emulatorEnvironment(endpoint, region) };
  for (const name of ELSEWHERE) delete env[name];
  return env;
}

/**
 * The variables that send every AWS SDK (v3) client, the AWS CLI and the Serverless Framework to
 * the emulator at `endpoint`: `AWS_ENDPOINT_URL`, dummy credentials, the region. A profile or
 * session token in the same environment still wins: use {@link emulatorProcessEnv} for a child.
 *
 * @example
 * import { spawn } from 'node:child_process';
 *
 * declare const aws: AwsEmulator;
 * spawn('npx', ['serverless', 'deploy'], { env: { ...process.env, ...emulatorEnvironment(aws.endpoint) } });
 */
export function emulatorEnvironment(endpoint: string, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'emulator',
    AWS_SECRET_ACCESS_KEY: 'emulator',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    // The emulator answers at once: poll CloudFormation every half second, not every five.
    SLS_AWS_MONITORING_FREQUENCY: '500',
    // The emulator's answers do not change on a retry (a 500 is a resource it cannot create).
    SLS_AWS_REQUEST_MAX_RETRIES: '1',
  };
}
