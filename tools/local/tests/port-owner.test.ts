import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@platform/testing';
import {
  commandLineOf,
  findPortOwner,
  listeningSocketInodes,
  MESSAGE_COMMAND_LENGTH,
} from '../src/port-owner';
import { assertPortFree, portInUseError } from '../src/ports';
import { PortInUseError } from '../src/errors';

const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';

describe('findPortOwner', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('finds the process listening on a port through /proc: this one', () => {
    const owner = findPortOwner(port);
    expect(owner?.pid).toBe(process.pid);
    expect(owner?.command).toBe(commandLineOf(process.pid, '/proc', MESSAGE_COMMAND_LENGTH));
    expect(owner?.command).toMatch(/node/);
  });

  it('finds nobody on a free port', async () => {
    expect(findPortOwner(await findFreePort())).toBeUndefined();
  });

  it('reads listening sockets of IPv4 and IPv6 tables, ignoring other states and ports', () => {
    const proc = mkdtempSync(join(tmpdir(), 'proc-'));
    try {
      mkdirSync(join(proc, 'net'));
      writeFileSync(
        join(proc, 'net', 'tcp'),
        TCP_HEADER +
          '   0: 0100007F:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1111 1 0 100 0 0 10 0\n' +
          '   1: 0100007F:0BB8 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 2222 1 0 100 0 0 10 0\n' +
          '   2: 0100007F:0BB9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3333 1 0 100 0 0 10 0\n',
      );
      writeFileSync(
        join(proc, 'net', 'tcp6'),
        TCP_HEADER +
          '   0: 00000000000000000000000000000000:0BB8 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0 100 0 0 10 0\n',
      );
      expect([...listeningSocketInodes(3000, proc)].sort()).toEqual(['1111', '4444']);

      mkdirSync(join(proc, '42', 'fd'), { recursive: true });
      writeFileSync(join(proc, '42', 'cmdline'), 'java\0-jar\0DynamoDBLocal.jar\0-port\u00003000\0');
      symlinkSync('socket:[4444]', join(proc, '42', 'fd', '7'));
      expect(findPortOwner(3000, proc)).toEqual({
        pid: 42,
        command: 'java -jar DynamoDBLocal.jar -port 3000',
      });
      expect(findPortOwner(3001, proc)).toBeUndefined();
    } finally {
      rmSync(proc, { recursive: true, force: true });
    }
  });
});

describe('port checks', () => {
  it('assertPortFree passes on a free port and names the holder of a taken one', async () => {
    const free = await findFreePort();
    await expect(assertPortFree(free, 'DynamoDB Local', 'set DYNAMODB_PORT')).resolves.toBeUndefined();

    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const taken = (server.address() as AddressInfo).port;
    try {
      const error = await assertPortFree(taken, 'DynamoDB Local', 'set DYNAMODB_PORT').catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toBe(
        `port ${taken} (DynamoDB Local) is already in use by pid ${process.pid}: ${commandLineOf(process.pid, '/proc', MESSAGE_COMMAND_LENGTH)} — set DYNAMODB_PORT`,
      );
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('says so when the holder cannot be found', () => {
    expect(portInUseError(1, 'gateway', 'set GATEWAY_PORT').message).toBe(
      'port 1 (gateway) is already in use (the process holding it could not be found; it may belong to another user) — set GATEWAY_PORT',
    );
  });
});
