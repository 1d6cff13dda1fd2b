import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { startAwsEmulator, type AwsEmulator } from '@platform/testing';
import { emulatorCloudWatch, putAlarm } from './support/emulator-cloudwatch';
import type { DeployRecord } from '../src/delivery-history';
import { checkStageHealth, cloudWatchAlarmReader, formatHealthTable } from '../src/stage-health';

const workspaceRoot = join(__dirname, '../../..');

function deploy(service: string, status: 'succeeded' | 'failed', finishedAt: string): DeployRecord {
  return {
    schema: 'serverless-factory/deploy@1',
    service,
    stage: 'staging',
    sha: `${service[0]}`.repeat(40),
    committedAt: finishedAt,
    startedAt: finishedAt,
    finishedAt,
    durationMs: 1000,
    status,
    changes: 1,
  };
}

/** The local stack's stand-in: each service's health route answers the status given. */
function startHealthServer(statuses: Record<string, number>): Promise<Server> {
  const server = createServer((request, response) => {
    const service = /^\/([a-z]+)\/health$/.exec(request.url ?? '')?.[1] ?? '';
    response.writeHead(statuses[service] ?? 404, { 'content-type': 'application/json' });
    response.end('{}');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('cloudWatchAlarmReader', () => {
  it('asks for metric and composite alarms, reads every page and keeps those in ALARM', async () => {
    const inputs: unknown[] = [];
    const pages = [
      {
        MetricAlarms: [
          { AlarmName: 'orders-prod-b', StateValue: 'ALARM' },
          { AlarmName: 'orders-prod-ok', StateValue: 'OK' },
        ],
        NextToken: 'next',
      },
      { CompositeAlarms: [{ AlarmName: 'orders-prod-a-burn', StateValue: 'ALARM' }] },
    ];
    const client = { send: async () => pages.shift() ?? {} };
    const reader = cloudWatchAlarmReader(client, (input) => {
      inputs.push(input);
      return input;
    });
    await expect(reader.alarmsInAlarm('orders-prod-')).resolves.toEqual([
      'orders-prod-a-burn',
      'orders-prod-b',
    ]);
    expect(inputs).toEqual([
      { AlarmNamePrefix: 'orders-prod-', AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] },
      { AlarmNamePrefix: 'orders-prod-', AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], NextToken: 'next' },
    ]);
  });
});

describe('make health (against the AWS API emulator and a local health route)', () => {
  let aws: AwsEmulator;
  let cloudWatch: CloudWatchClient;
  let server: Server;
  let baseUrl: string;
  const history = join(mkdtempSync(join(tmpdir(), 'health-')), 'deploys.jsonl');

  beforeAll(async () => {
    aws = await startAwsEmulator();
    cloudWatch = emulatorCloudWatch(aws);
    const alarm = (name: string) => putAlarm(cloudWatch, name);
    await alarm('catalog-staging-slo-availability-fast-5m');
    await alarm('orders-staging-slo-availability-fast-5m');
    await alarm('orders-staging-slo-availability-fast-1h');
    await alarm('orders-prod-slo-availability-fast-5m');
    for (const name of [
      'orders-staging-slo-availability-fast-5m',
      'orders-staging-slo-availability-fast-1h',
      'orders-prod-slo-availability-fast-5m',
    ])
      await cloudWatch.send(
        new SetAlarmStateCommand({ AlarmName: name, StateValue: 'ALARM', StateReason: 'test' }),
      );
    server = await startHealthServer({ catalog: 200, inventory: 503, orders: 200 });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    writeFileSync(
      history,
      [
        deploy('catalog', 'succeeded', '2026-12-01T10:00:00Z'),
        deploy('inventory', 'failed', '2026-12-01T09:00:00Z'),
        deploy('inventory', 'succeeded', '2026-12-01T11:00:00Z'),
        deploy('orders', 'succeeded', '2026-12-01T10:00:00Z'),
        deploy('orders', 'failed', '2026-12-02T10:00:00Z'),
      ]
        .map((record) => `${JSON.stringify(record)}\n`)
        .join(''),
    );
  }, 60_000);
  afterAll(async () => {
    cloudWatch.destroy();
    await new Promise((resolve) => server.close(resolve));
    await aws.stop();
  });

  it("lists a stage's alarms in ALARM by the service's prefix, no other stage's and none in OK", async () => {
    const reader = cloudWatchAlarmReader(cloudWatch, (input) => new DescribeAlarmsCommand(input));
    await expect(reader.alarmsInAlarm('orders-staging-')).resolves.toEqual([
      'orders-staging-slo-availability-fast-1h',
      'orders-staging-slo-availability-fast-5m',
    ]);
    await expect(reader.alarmsInAlarm('catalog-staging-')).resolves.toEqual([]);
  });

  it('passes a service only when its health route answers 200, no alarm fires and its last deploy succeeded', async () => {
    const rows = await checkStageHealth({
      stage: 'staging',
      services: ['catalog', 'inventory', 'orders'],
      baseUrl,
      alarms: cloudWatchAlarmReader(cloudWatch, (input) => new DescribeAlarmsCommand(input)),
      deploys: [
        deploy('catalog', 'succeeded', '2026-12-01T10:00:00Z'),
        deploy('orders', 'failed', '2026-12-02T10:00:00Z'),
      ],
    });
    expect(
      rows.map((row) => [
        row.service,
        row.health.detail,
        row.alarmsInAlarm.length,
        row.lastDeploy?.status,
        row.ok,
      ]),
    ).toEqual([
      ['catalog', '200', 0, 'succeeded', true],
      ['inventory', '503', 0, undefined, false],
      ['orders', '200', 2, 'failed', false],
    ]);
    expect(formatHealthTable('staging', rows)).toContain('health staging: 1 of 3 services healthy');
  });

  it('says "no answer" for a health route that does not answer', async () => {
    const [row] = await checkStageHealth({
      stage: 'staging',
      services: ['catalog'],
      baseUrl: 'http://127.0.0.1:9',
      alarms: { alarmsInAlarm: async () => [] },
      deploys: [],
    });
    expect(row).toMatchObject({
      health: { ok: false, detail: expect.stringMatching(/^no answer/) },
      ok: false,
    });
  });

  function runHealthCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        [join(workspaceRoot, 'node_modules/tsx/dist/cli.mjs'), 'tools/ci/src/cli/health.ts', ...args],
        { cwd: workspaceRoot, env: aws.processEnv({ ...process.env, AWS_REGION: 'us-east-1' }) },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  it('prints one table and exits 1 when a service is unhealthy (the CLI, make health)', async () => {
    const result = await runHealthCli(['--stage', 'staging', '--base-url', baseUrl, '--deploys', history]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('| service | health route | alarms in ALARM | last deploy | ok |');
    expect(result.stdout).toContain(
      '| catalog | 200 | 0 | succeeded cccccccc at 2026-12-01T10:00:00Z | yes |',
    );
    expect(result.stdout).toContain(
      '| inventory | 503 | 0 | succeeded iiiiiiii at 2026-12-01T11:00:00Z | NO |',
    );
    expect(result.stdout).toContain(
      '| orders | 200 | 2 (orders-staging-slo-availability-fast-1h, orders-staging-slo-availability-fast-5m) | failed oooooooo at 2026-12-02T10:00:00Z | NO |',
    );
  }, 60_000);

  it('exits 0 when every service asked for is healthy', async () => {
    const result = await runHealthCli([
      '--stage',
      'staging',
      '--base-url',
      baseUrl,
      '--deploys',
      history,
      '--services',
      'catalog',
    ]);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain('health staging: 1 of 1 services healthy');
  }, 60_000);
});
