import { spawn } from 'node:child_process';
import { type Socket, createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { XRayDocument } from './x-ray-document';

// The Lambda runtime's view of one sampled request: trace root and the facade segment's id.
const TRACE_ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const PARENT_ID = '53995c3f42cd8ad8';
const CORRELATION_ID = 'lambda-corr-0001';

interface Invocation {
  exitCode: number | null;
  logLines: Array<Record<string, unknown>>;
  stderr: string;
  /** Documents the X-Ray daemon received. */
  segments: XRayDocument[];
}

let workDir: string;
let bundle: string;
let daemon: Socket;
let received: XRayDocument[] = [];

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'observability-lambda-'));
  bundle = join(workDir, 'lambda-invocation.js');
  // What serverless-esbuild does for a function: one CommonJS bundle, no source maps.
  await build({
    entryPoints: [join(__dirname, 'fixtures', 'lambda-invocation.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: false,
    logLevel: 'silent',
  });
  // A stand-in for the X-Ray daemon: the SDK sends it each document as a UDP datagram,
  // a JSON header line and then the document.
  daemon = createSocket('udp4');
  daemon.on('message', (message) => {
    const [, document] = message.toString('utf8').split('\n');
    if (document) received.push(JSON.parse(document) as XRayDocument);
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => daemon.close(() => resolve()));
  rmSync(workDir, { recursive: true, force: true });
});

async function invoke(
  options: { nodeArgs?: string[]; env?: Record<string, string | undefined> } = {},
): Promise<Invocation> {
  received = [];
  const env: Record<string, string | undefined> = {
    ...process.env,
    LAMBDA_TASK_ROOT: workDir,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: 'orders-test-placeOrder',
    _X_AMZN_TRACE_ID: `Root=${TRACE_ROOT};Parent=${PARENT_ID};Sampled=1`,
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
    SERVICE_NAME: 'orders',
    STAGE: 'test',
    POWERTOOLS_TRACE_ENABLED: undefined,
    POWERTOOLS_DEV: undefined,
    NODE_OPTIONS: undefined,
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];

  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), bundle, CORRELATION_ID], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  // Datagrams sent just before the exit may still be queued on our side.
  await new Promise((resolve) => setTimeout(resolve, 200));

  const logLines = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { exitCode, logLines, stderr, segments: received };
}

const named = (invocation: Invocation, name: string): XRayDocument[] =>
  invocation.segments.filter((segment) => segment.name === name);

describe('tracing inside a Lambda function', () => {
  it('sends the subsegment of each downstream call to the X-Ray daemon, annotated with the correlation id', async () => {
    const invocation = await invoke();
    expect(invocation.exitCode).toBe(0);
    expect(named(invocation, 'catalog.getProduct')).toEqual([
      expect.objectContaining({
        trace_id: TRACE_ROOT,
        parent_id: PARENT_ID,
        annotations: { correlationId: CORRELATION_ID },
        end_time: expect.any(Number),
      }),
    ]);
  });

  it('traces every call of a captured SDK client (DynamoDB Local)', async () => {
    const invocation = await invoke();
    const calls = named(invocation, 'DynamoDB');
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call).toMatchObject({
        namespace: 'aws',
        trace_id: TRACE_ROOT,
        aws: { operation: 'ListTables' },
      });
    }
    expect(invocation.logLines.filter((line) => line['level'] === 'warn')).toEqual([]);
    expect(invocation.logLines.at(-1)).toMatchObject({
      msg: 'handled',
      correlationId: CORRELATION_ID,
      coldStart: true,
      function: 'orders-test-placeOrder',
      service: 'orders',
      stage: 'test',
    });
  });

  it.each([
    ['on the command line', { nodeArgs: ['--enable-source-maps'] }],
    ['in NODE_OPTIONS', { env: { NODE_OPTIONS: '--enable-source-maps' } }],
  ])('with --enable-source-maps %s, skips SDK capture and logs one warning line', async (_where, options) => {
    const invocation = await invoke(options);
    expect(invocation.exitCode).toBe(0);
    expect(named(invocation, 'DynamoDB')).toEqual([]);
    expect(named(invocation, 'catalog.getProduct')).toHaveLength(1);
    const warnings = invocation.logLines.filter((line) => line['level'] === 'warn');
    expect(warnings).toEqual([
      expect.objectContaining({ msg: expect.stringMatching(/--enable-source-maps/) }),
    ]);
    expect(invocation.logLines.at(-1)).toMatchObject({ msg: 'handled', tables: expect.any(Number) });
  });

  it('sends nothing with POWERTOOLS_TRACE_ENABLED=false, and the invocation still completes', async () => {
    const invocation = await invoke({ env: { POWERTOOLS_TRACE_ENABLED: 'false' } });
    expect(invocation.exitCode).toBe(0);
    expect(invocation.segments).toEqual([]);
    expect(invocation.logLines.at(-1)).toMatchObject({ msg: 'handled', correlationId: CORRELATION_ID });
  });
});
