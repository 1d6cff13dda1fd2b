import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AwsEmulatorStartError, emulatorEnvironment, findMotoServer, startAwsEmulator } from '../src';

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

describe('emulatorEnvironment', () => {
  it('points the SDK at the endpoint with dummy credentials, the region and no profile', () => {
    expect(emulatorEnvironment('http://127.0.0.1:5000', 'eu-west-1')).toMatchObject({
      AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
      AWS_ACCESS_KEY_ID: 'emulator',
      AWS_SECRET_ACCESS_KEY: 'emulator',
      AWS_PROFILE: '',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
    });
  });
});
