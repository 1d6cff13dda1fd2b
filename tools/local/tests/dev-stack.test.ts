// The real `make dev`: tools/local/src/cli/dev.ts run with tsx as a child process, with DynamoDB
// Local, serverless-offline per service and the gateway. Slow (a stack start is 10–40 s here).
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadOrCreateDevIssuer, type DevIssuer } from '@platform/auth/dev-issuer';
import { DEMO_CATALOG } from '../src/demo-data';
import {
  leftoverProcesses,
  spawnDevStack,
  WORKSPACE_ROOT,
  type DevStackProcess,
} from '../src/dev-stack-process';
import type { StackInfo } from '../src/local-stack';
import { processTree, stillRunning, type ProcessEntry } from '../src/process-table';
import { READY_LINE } from '../src/stack-output';
import { findFreePort, listeningAddresses } from '@platform/testing';
import { request } from 'node:http';
import { runLocalCli } from './support/run-local-cli';

const STACK_START_MS = 240_000;

/** Status of one request to `url` sent with the given `Host` header (fetch cannot set it). */
function statusWithHost(url: string, host: string, method = 'GET', body?: string): Promise<number> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path: pathname, headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}
describe('make dev: every service behind one gateway', () => {
  let stack: DevStackProcess;
  let info: StackInfo;
  let issuer: DevIssuer;
  const tenant = `t-${randomUUID().slice(0, 8)}`;
  const gatewayPort = (): string => new URL(stack.gatewayUrl).port;

  beforeAll(async () => {
    issuer = await loadOrCreateDevIssuer();
    // The three sample services by name: other work in this checkout may add a service meanwhile.
    stack = await spawnDevStack({ args: ['--services', 'catalog,inventory,orders'] });
    info = await stack.info();
  }, STACK_START_MS);

  afterAll(async () => {
    // Only when a test failed before the stop test ran: never leave a stack behind.
    if (stack.processes().length > 0) await stack.stop('SIGINT').catch(() => undefined);
  });

  it('prints a line per step, the URL table and exactly one `ready in N.N s` line', () => {
    const lines = stack.output();
    const ready = lines.findIndex((line) => READY_LINE.test(line));
    expect(lines.filter((line) => READY_LINE.test(line))).toHaveLength(1);
    const startup = lines.slice(0, ready);
    expect(startup).toContainEqual(
      expect.stringMatching(/^dynamodb {2}ready on http:\/\/127\.0\.0\.1:\d+ in \d+\.\d s$/),
    );
    for (const service of ['catalog', 'inventory', 'orders']) {
      const name = service.padEnd(10);
      expect(startup).toContain(`${name}starting serverless-offline`);
      expect(startup).toContain(`${name}tables created: ${service}-local`);
      expect(startup).toContainEqual(expect.stringMatching(new RegExp(`^${name}listening on :\\d+$`)));
      expect(startup).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^  ${service} +${stack.gatewayUrl}/${service}/ +http://127\\.0\\.0\\.1:\\d+ +${stack.gatewayUrl}/_lambda/${service}$`,
          ),
        ),
      );
    }
    // Nothing a service printed while starting (serverless-offline's banner) is shown.
    expect(startup.filter((line) => line.startsWith('['))).toEqual([]);
    expect(info.status).toBe('ready');
    expect(info.services.map((service) => service.name)).toEqual(['catalog', 'inventory', 'orders']);
  });

  it('answers 200 on /<service>/health of every service through the gateway', async () => {
    for (const service of ['catalog', 'inventory', 'orders']) {
      const response = await fetch(`${stack.gatewayUrl}/${service}/health`, {
        headers: { 'x-correlation-id': 'health-check-1' },
      });
      expect({ service, status: response.status, body: await response.json() }).toEqual({
        service,
        status: 200,
        body: { status: 'ok' },
      });
      expect(response.headers.get('x-correlation-id')).toBe('health-check-1');
    }
  });

  it('listens on 127.0.0.1 only: the gateway, DynamoDB Local and every serverless-offline HTTP and Lambda port', () => {
    const ports = [
      gatewayPort(),
      new URL(info.dynamodb.endpoint).port,
      ...info.services.flatMap((service) => [
        new URL(service.direct).port,
        new URL(service.lambdaDirect).port,
      ]),
    ].map(Number);
    expect(ports).toHaveLength(8);
    expect(ports.map((port) => ({ port, addresses: listeningAddresses(port) }))).toEqual(
      ports.map((port) => ({ port, addresses: ['127.0.0.1'] })),
    );
  });

  it('answers 421 to Host evil.example at the gateway (/_stack, a route) and at a Lambda invoke port, and 200 to Host localhost:<port>', async () => {
    const catalog = info.services.find((service) => service.name === 'catalog');
    const invoke = `${catalog?.lambdaDirect}/2015-03-31/functions/catalog-local-health/invocations`;
    const lambdaPort = new URL(invoke).port;
    const answers = {
      stack: await statusWithHost(`${stack.gatewayUrl}/_stack`, 'evil.example'),
      route: await statusWithHost(`${stack.gatewayUrl}/catalog/health`, `evil.example:${gatewayPort()}`),
      invoke: await statusWithHost(invoke, 'evil.example', 'POST', '{}'),
      direct: await statusWithHost(`${catalog?.direct}/health`, 'evil.example'),
    };
    expect(answers).toEqual({ stack: 421, route: 421, invoke: 421, direct: 421 });
    const local = {
      stack: await statusWithHost(`${stack.gatewayUrl}/_stack`, `localhost:${gatewayPort()}`),
      route: await statusWithHost(`${stack.gatewayUrl}/catalog/health`, `localhost:${gatewayPort()}`),
      invoke: await statusWithHost(invoke, `localhost:${lambdaPort}`, 'POST', '{}'),
    };
    expect(local).toEqual({ stack: 200, route: 200, invoke: 200 });
  });

  it('answers a route or method no function serves, and a body over 10 MiB, as problem+json', async () => {
    const noRoute = await fetch(`${stack.gatewayUrl}/catalog/products`, { method: 'DELETE' });
    expect(noRoute.status).toBe(404);
    expect(noRoute.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await noRoute.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 404, detail: 'catalog has no route DELETE /catalog/products.' });
    expect(problem['routes']).toEqual(
      expect.arrayContaining(['GET /catalog/products', 'GET /catalog/health']),
    );

    // Sent in chunks, with no content-length: serverless-offline itself refuses it past 10 MiB.
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 11) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const tooLarge = await fetch(`${stack.gatewayUrl}/catalog/products/BIG-1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toBe('application/problem+json');
    expect(await tooLarge.json()).toMatchObject({ status: 413, title: 'Payload Too Large' });
  });

  it('accepts a token from `npm run token` (the token CLI)', async () => {
    const token = runLocalCli('token', ['--sub', 'c-1', '--tenant', tenant, '--scope', 'catalog:read'], {});
    expect(token.status).toBe(0);
    const response = await fetch(`${stack.gatewayUrl}/catalog/products`, {
      headers: { authorization: `Bearer ${token.stdout.trim()}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ items: [], nextCursor: null });
  });

  it('seeds the demo catalog and stock (make seed), idempotently', async () => {
    const env = { GATEWAY_PORT: gatewayPort() };
    const first = runLocalCli('seed', ['--tenant', tenant], env);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(
      `seeded ${DEMO_CATALOG.length} products and their stock for tenant ${tenant}`,
    );
    expect(first.stdout.match(/\(created\)/g)).toHaveLength(DEMO_CATALOG.length);
    const again = runLocalCli('seed', ['--tenant', tenant], env);
    expect(again.stdout.match(/\(replaced\)/g)).toHaveLength(DEMO_CATALOG.length);

    const token = await issuer.mint({ sub: 'c-1', tenant, scope: 'catalog:read inventory:read' });
    const products = (await (
      await fetch(`${stack.gatewayUrl}/catalog/products?limit=100`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { items: Array<{ sku: string }> };
    expect(products.items.map((item) => item.sku)).toEqual(DEMO_CATALOG.map((item) => item.sku).sort());
  });

  it('wires orders to catalog (the gateway as the stage base URL) and to inventory (INVENTORY_LAMBDA_ENDPOINT)', async () => {
    const [item] = DEMO_CATALOG;
    const token = await issuer.mint({
      sub: 'c-1',
      tenant,
      scope: 'orders:write inventory:read catalog:read',
    });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const placed = await fetch(`${stack.gatewayUrl}/orders`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ lines: [{ sku: item?.sku, qty: 2 }] }),
    });
    expect(placed.status).toBe(201);
    expect(await placed.json()).toMatchObject({
      status: 'CONFIRMED',
      totalCents: (item?.priceCents ?? 0) * 2,
    });
    const stock = await (await fetch(`${stack.gatewayUrl}/inventory/stock/${item?.sku}`, { headers })).json();
    expect(stock).toMatchObject({ available: (item?.available ?? 0) - 2, reserved: 2 });
  });

  it("serves the dev token endpoint, from which the deployed canary's token command gets a token the services accept", async () => {
    const env = {
      ...process.env,
      CANARY_TOKEN_URL: `${stack.gatewayUrl}/_dev/token`,
      CANARY_CLIENT_ID: 'canary',
      CANARY_CLIENT_SECRET: 'local',
    };
    const minted = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'tools/e2e/src/canary-token.ts',
        '--sub',
        'c-9',
        '--tenant',
        tenant,
        '--scope',
        'catalog:read',
      ],
      { cwd: WORKSPACE_ROOT, env, encoding: 'utf8' },
    );
    expect({ status: minted.status, stderr: minted.stderr }).toEqual({ status: 0, stderr: '' });
    const token = minted.stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const read = await fetch(`${stack.gatewayUrl}/catalog/products?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    const refused = await fetch(`${stack.gatewayUrl}/_dev/token`, { method: 'POST', body: '{"sub":"x"}' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    const missing = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tools/e2e/src/canary-token.ts', '--sub', 'c-9', '--tenant', tenant],
      { cwd: WORKSPACE_ROOT, env: { ...env, CANARY_CLIENT_SECRET: '' }, encoding: 'utf8' },
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('CANARY_CLIENT_SECRET is not set');
  });

  it("serves the services' EMF metrics at /metrics, and shows their logs prefixed, without the EMF lines", async () => {
    const response = await fetch(`${stack.gatewayUrl}/metrics`);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    const requests = /^serverless_factory_requests_total\{service="catalog",stage="local"\} (\d+)$/m.exec(
      text,
    );
    expect(Number(requests?.[1])).toBeGreaterThanOrEqual(5);
    expect(text).toMatch(/^serverless_factory_orders_placed_total\{service="orders",stage="local"\} 1$/m);
    expect(text).toMatch(/^serverless_factory_latency_ms_count\{service="inventory",stage="local"\} \d+$/m);

    const after = stack.output().slice(stack.output().findIndex((line) => READY_LINE.test(line)) + 1);
    expect(after).toContainEqual(expect.stringMatching(/^\[catalog\] \d\d:\d\d:\d\d\.\d{3} INFO {2}/));
    expect(after).toContainEqual(expect.stringMatching(/^\[orders\] /));
    expect(after.filter((line) => line.includes('"_aws"'))).toEqual([]);
  });

  it('stops every process of the stack, java included, within 5 s of Ctrl-C, and leaves none', async () => {
    const before = stack.processes();
    expect(before.some((entry) => entry.command.includes('DynamoDBLocal.jar'))).toBe(true);
    expect(before.filter((entry) => entry.command.includes('offline start'))).toHaveLength(3);

    const stopped = await stack.stop('SIGINT');
    expect(stopped.code).toBe(0);
    expect(stopped.stopMs).toBeLessThan(5000);
    expect(leftoverProcesses(before, info)).toEqual([]);
    expect(stack.output()).toContainEqual(expect.stringMatching(/^stopped in \d+\.\d s$/));
  });
});

describe('make dev SERVICES=catalog with --json, stopped by SIGTERM', () => {
  let stack: DevStackProcess;
  let info: StackInfo;

  beforeAll(async () => {
    stack = await spawnDevStack({ args: ['--only', 'catalog', '--json'] });
    info = await stack.info();
  }, STACK_START_MS);

  afterAll(async () => {
    if (stack.processes().length > 0) await stack.stop('SIGINT').catch(() => undefined);
  });

  it('runs only the services asked for; the gateway lists them for any other prefix', async () => {
    expect(info.services.map((service) => service.name)).toEqual(['catalog']);
    const response = await fetch(`${stack.gatewayUrl}/orders/health`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, services: ['catalog'] });
    expect((await fetch(`${stack.gatewayUrl}/catalog/health`)).status).toBe(200);
  });

  it('prints JSON lines only, the handlers’ own lines unchanged', async () => {
    // No token: the handler logs the rejected request (a pino line) and records its metrics (EMF).
    expect((await fetch(`${stack.gatewayUrl}/catalog/products`)).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const lines = stack.output().filter((line) => line.trim() !== '');
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed).toContainEqual(expect.objectContaining({ msg: stack.readyLine }));
    // A handler's pino line keeps its own fields (service, stage, function …) as written.
    expect(parsed).toContainEqual(
      expect.objectContaining({
        level: 'info',
        service: 'catalog',
        stage: 'local',
        function: 'catalog-local-listProducts',
      }),
    );
    // EMF lines pass through too in --json.
    expect(parsed.some((line) => '_aws' in line)).toBe(true);
  });

  it('stops within 5 s of a SIGTERM to the CLI alone, leaving no process', async () => {
    const before = stack.processes();
    const stopped = await stack.stop('SIGTERM', { group: false });
    expect(stopped.code).toBe(0);
    expect(stopped.stopMs).toBeLessThan(5000);
    expect(leftoverProcesses(before, info)).toEqual([]);
  });
});

describe('Ctrl-C while the stack is starting', () => {
  it('stops what was started so far within 5 s and leaves no process', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(WORKSPACE_ROOT, 'tools/local/src/cli/dev.ts'), '--only', 'catalog'],
      {
        cwd: WORKSPACE_ROOT,
        env: { ...process.env, FORCE_COLOR: '0', GATEWAY_PORT: String(await findFreePort()) },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const pid = child.pid ?? 0;
    const lines: string[] = [];
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let snapshot: ProcessEntry[] = [];
    // Once DynamoDB Local runs and serverless-offline is starting: the worst moment to be stopped.
    // Chunks may split a line: keep the unfinished tail until its newline arrives.
    let pending = '';
    const starting = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const parts = (pending + chunk.toString('utf8')).split('\n');
        pending = parts.pop() ?? '';
        lines.push(...parts.filter(Boolean));
        if (lines.some((line) => line.startsWith('dynamodb  ready on'))) resolve();
      });
    });
    // Whatever happens below, never leave this stack running (it would keep jest alive).
    const cleanup = (): void => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    try {
      await Promise.race([starting, exited]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      snapshot = processTree(pid);
      expect(snapshot.some((entry) => entry.command.includes('DynamoDBLocal.jar'))).toBe(true);
      expect(snapshot.some((entry) => entry.command.includes('offline start'))).toBe(true);

      const sent = performance.now();
      process.kill(-pid, 'SIGINT');
      const code = await exited;
      expect(performance.now() - sent).toBeLessThan(5000);
      expect(code).toBe(0);
      expect(lines).toContain('stopped while starting');
      expect(lines.filter((line) => READY_LINE.test(line))).toEqual([]);
      expect(stillRunning(snapshot)).toEqual([]);
    } finally {
      cleanup();
    }
  }, 120_000);
});

describe('the program that started the stack dies', () => {
  it('takes the stack with it (the stack stops when its stdin ends), leaving no process', async () => {
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'fixtures', 'stack-parent.ts')],
      {
        cwd: WORKSPACE_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const started = await new Promise<{ pid: number; info: StackInfo }>((resolve) => {
      let text = '';
      parent.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (text.includes('\n'))
          resolve(JSON.parse(text.slice(0, text.indexOf('\n'))) as { pid: number; info: StackInfo });
      });
    });
    const before = processTree(started.pid);
    expect(before.filter((entry) => entry.command.includes('offline start'))).toHaveLength(1);

    process.kill(parent.pid ?? 0, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    while (stillRunning(before).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stillRunning(before)).toEqual([]);
    expect(leftoverProcesses(before, started.info)).toEqual([]);
  }, 120_000);
});
