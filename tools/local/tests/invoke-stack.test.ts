// `make invoke` against the real local stack (inventory only): direct invokes of the internal
// functions and of the schedule's function, and an HTTP function with an API Gateway v2 event.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadOrCreateDevIssuer } from '@platform/auth/dev-issuer';
import { spawnDevStack, WORKSPACE_ROOT, type DevStackProcess } from '../src/dev-stack-process';
import { runLocalCli } from './support/run-local-cli';

const STACK_START_MS = 240_000;
const event = (name: string): string => join(WORKSPACE_ROOT, 'tools/local/events', name);

describe('make invoke, against a running stack', () => {
  let stack: DevStackProcess;
  const tenant = `t-${randomUUID().slice(0, 8)}`;
  const invoke = (fn: string, ...args: string[]) =>
    runLocalCli('invoke', ['--service', 'inventory', '--function', fn, '--tenant', tenant, ...args], {
      GATEWAY_PORT: new URL(stack.gatewayUrl).port,
    });

  beforeAll(async () => {
    stack = await spawnDevStack({ args: ['--only', 'inventory'] });
    const token = await (
      await loadOrCreateDevIssuer()
    ).mint({ sub: 'invoke-test', tenant, scope: 'inventory:write inventory:read' });
    const put = await fetch(`${stack.gatewayUrl}/inventory/stock/PEN-BLUE`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ available: 10 }),
    });
    expect(put.status).toBe(200);
  }, STACK_START_MS);

  afterAll(async () => {
    if (stack.processes().length > 0) await stack.stop('SIGINT').catch(() => undefined);
  });

  it('reserves with the direct-invoke template, and the API Gateway v2 template reads the stock it took', () => {
    const reserved = invoke('reserve', '--event', event('direct-reserve.json'));
    expect({ status: reserved.status, answer: JSON.parse(reserved.stdout) as unknown }).toEqual({
      status: 0,
      answer: { status: 'RESERVED' },
    });
    const read = invoke('getStock', '--event', event('http-api-v2-get-stock.json'));
    expect(read.status).toBe(0);
    const response = JSON.parse(read.stdout) as { statusCode: number; body: string };
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ sku: 'PEN-BLUE', available: 9, reserved: 1 });
  });

  it('releases with the direct-invoke template and sweeps with the schedule template', () => {
    const released = invoke('release', '--event', event('direct-release.json'));
    expect({ status: released.status, answer: JSON.parse(released.stdout) as unknown }).toEqual({
      status: 0,
      answer: { status: 'RELEASED' },
    });
    const swept = invoke('sweepHolds', '--event', event('direct-sweep-holds.json'));
    expect(swept.status).toBe(0);
    expect(JSON.parse(swept.stdout)).toEqual({ expired: expect.any(Number), released: expect.any(Number) });
  });

  it('exits 1 with the error on stdout when the function throws', () => {
    const failed = runLocalCli(
      'invoke',
      ['--service', 'inventory', '--function', 'release', '--event', join(WORKSPACE_ROOT, 'package.json')],
      { GATEWAY_PORT: new URL(stack.gatewayUrl).port },
    );
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('inventory.release failed (Unhandled)');
    expect(JSON.parse(failed.stdout)).toHaveProperty('errorMessage');
  });

  it('names the running services when asked for one the stack does not run', () => {
    const failed = runLocalCli('invoke', ['--service', 'orders', '--function', 'health'], {
      GATEWAY_PORT: new URL(stack.gatewayUrl).port,
    });
    expect(failed.status).toBe(2);
    expect(failed.stderr).toContain('unknown service: orders. Known services: inventory.');
  });
});
