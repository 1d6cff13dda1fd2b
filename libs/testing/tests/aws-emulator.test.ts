import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  AwsEmulatorStartError,
  emulatorEnvironment,
  emulatorProcessEnv,
  findMotoServer,
  startAwsEmulator,
} from '../src';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startAwsEmulator', () => {
  it('starts the moto server of .venv on 127.0.0.1, serves the AWS control plane, and stops without leaving a process', async () => {
    const aws = await startAwsEmulator();
    expect(aws.endpoint).toBe(`http://127.0.0.1:${aws.port}`);
    expect(aws.env['AWS_ENDPOINT_URL']).toBe(aws.endpoint);
    const client = new DynamoDBClient({
      endpoint: aws.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
    });
    await client.send(
      new CreateTableCommand({
        TableName: 'emulated',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    const described = await client.send(new DescribeTableCommand({ TableName: 'emulated' }));
    expect(described.Table?.TableArn).toBe('arn:aws:dynamodb:us-east-1:123456789012:table/emulated');
    client.destroy();
    expect(isRunning(aws.pid)).toBe(true);
    await aws.stop();
    expect(isRunning(aws.pid)).toBe(false);
    await aws.stop(); // a second stop is harmless
  });

  it('starts every time with an empty account', async () => {
    const first = await startAwsEmulator();
    const client = new DynamoDBClient({
      endpoint: first.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    await client.send(
      new CreateTableCommand({
        TableName: 'once',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    client.destroy();
    await first.stop();
    const second = await startAwsEmulator();
    const again = new DynamoDBClient({
      endpoint: second.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    await expect(again.send(new DescribeTableCommand({ TableName: 'once' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    again.destroy();
    await second.stop();
  });

  it('keeps answering while this process is blocked: its request log goes to a file, not a pipe', async () => {
    const aws = await startAwsEmulator();
    try {
      // 1,500 requests log ~100 KB: more than a pipe holds while spawnSync blocks this process.
      const load = spawnSync(
        join(__dirname, '../../../.venv/bin/python'),
        [
          '-c',
          `import urllib.request as u\nfor _ in range(1500): u.urlopen('${aws.endpoint}/moto-api/').read()`,
        ],
        { encoding: 'utf8', timeout: 90_000 },
      );
      expect({ status: load.status, stderr: load.stderr }).toEqual({ status: 0, stderr: '' });
      expect(
        readFileSync(aws.logFile, 'utf8')
          .split('\n')
          .filter((line) => line.includes('/moto-api/')).length,
      ).toBeGreaterThanOrEqual(1500);
      expect(aws.output().length).toBeGreaterThan(0);
    } finally {
      await aws.stop();
    }
  }, 120_000);

  it('says how to install it when the moto server is missing', () => {
    expect(() => findMotoServer('/nonexistent/moto_server')).toThrow(AwsEmulatorStartError);
    expect(() => findMotoServer('/nonexistent/moto_server')).toThrow(/make python-tools/);
  });

  it('fails with the output of a server that exits before it answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-moto-'));
    const fake = join(dir, 'moto_server');
    writeFileSync(fake, '#!/bin/sh\necho "address already in use" >&2\nexit 3\n');
    chmodSync(fake, 0o755);
    await expect(startAwsEmulator({ executable: fake })).rejects.toThrow(
      /exited before it was ready[\s\S]*address already in use/,
    );
  });
});

describe('emulatorProcessEnv', () => {
  it('adds the emulator variables and removes every variable that could point at a real account', () => {
    const env = emulatorProcessEnv(
      {
        PATH: '/bin',
        AWS_PROFILE: 'prod',
        AWS_SESSION_TOKEN: 't',
        AWS_WEB_IDENTITY_TOKEN_FILE: '/x',
        AWS_ROLE_ARN: 'r',
      },
      'http://127.0.0.1:5000',
    );
    expect(env).toEqual({ PATH: '/bin', ...emulatorEnvironment('http://127.0.0.1:5000') });
  });
});

describe('emulatorEnvironment', () => {
  it('points the SDK at the endpoint with dummy credentials, the region and no profile', () => {
    expect(emulatorEnvironment('http://127.0.0.1:5000', 'eu-west-1')).toMatchObject({
      AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
      AWS_ACCESS_KEY_ID: 'emulator',
      AWS_SECRET_ACCESS_KEY: 'emulator',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
    });
  });
});
