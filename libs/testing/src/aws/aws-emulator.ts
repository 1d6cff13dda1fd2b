import { existsSync } from 'node:fs';
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
  /** Receives each line the server prints (one per request, and its warnings). */
  onOutput?: (line: string) => void;
}

/** A running AWS API emulator. */
export interface AwsEmulator {
  /** `http://127.0.0.1:<port>`: every AWS SDK client goes there through `AWS_ENDPOINT_URL`. */
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  readonly startupMs: number;
  /**
   * What a process needs to talk to the emulator instead of AWS: the endpoint, dummy credentials,
   * the region, and no profile or session that could point elsewhere.
   */
  readonly env: Readonly<Record<string, string>>;
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
 * const aws = await startAwsEmulator();
 * execFileSync('make', ['deploy'], { env: { ...process.env, ...aws.env } });
 * await aws.stop();
 */
export async function startAwsEmulator(options: StartAwsEmulatorOptions = {}): Promise<AwsEmulator> {
  const command = findMotoServer(options.executable);
  const port = options.port ?? (await findFreePort());
  const endpoint = `http://127.0.0.1:${port}`;
  const region = options.region ?? 'us-east-1';
  const server = await startLocalServer({
    name: 'the AWS API emulator (moto server)',
    command,
    args: ['-H', '127.0.0.1', '-p', String(port)],
    cwd: WORKSPACE_ROOT,
    // moto's own boto3 must not find credentials or endpoints meant for the caller.
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', LANG: 'C.UTF-8' },
    isAnswering: () => isAnswering(endpoint),
    readyTimeoutMs: options.readyTimeoutMs,
    onOutput: options.onOutput,
    startError: (message) => new AwsEmulatorStartError(`${message}\n(port ${port})`),
  });
  return {
    endpoint,
    port,
    pid: server.pid,
    startupMs: server.startupMs,
    env: emulatorEnvironment(endpoint, region),
    output: () => server.output(),
    stop: () => server.stop(),
  };
}

/**
 * The environment that sends every AWS SDK (v3) client, and the Serverless Framework, to the
 * emulator at `endpoint`: `AWS_ENDPOINT_URL`, dummy credentials, the region, no profile.
 *
 * @example
 * spawn('npx', ['serverless', 'deploy'], { env: { ...process.env, ...emulatorEnvironment(aws.endpoint) } });
 */
export function emulatorEnvironment(endpoint: string, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'emulator',
    AWS_SECRET_ACCESS_KEY: 'emulator',
    AWS_SESSION_TOKEN: '',
    AWS_PROFILE: '',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    // The emulator answers at once: poll CloudFormation every half second, not every five.
    SLS_AWS_MONITORING_FREQUENCY: '500',
  };
}
