import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsole, escapeHtml } from '../src/console/console-server';
import { MetricHistory } from '../src/console/metric-history';
import { RequestLog, type RequestRecord } from '../src/console/request-log';
import { buildRequestTrace } from '../src/console/request-trace';
import { readServiceLine, ServiceLogStore } from '../src/console/service-log-store';
import { startGateway, type Gateway } from '../src/gateway';
import type { invokeLocalFunction } from '../src/local-invoke';

const record = (overrides: Partial<RequestRecord>): RequestRecord => ({
  startedAt: 1000,
  service: 'orders',
  method: 'POST',
  path: '/orders',
  status: 201,
  durationMs: 100,
  correlationId: 'c-1',
  ...overrides,
});

describe('RequestLog', () => {
  it('keeps the last `capacity` records, newest first', () => {
    const log = new RequestLog(2);
    for (const n of [1, 2, 3]) log.add(record({ startedAt: n }));
    expect(log.list().map((entry) => entry.startedAt)).toEqual([3, 2]);
  });

  it('filters by service, exact status or status class, and correlation id', () => {
    const log = new RequestLog();
    log.add(record({ service: 'orders', status: 201, correlationId: 'c-1' }));
    log.add(record({ service: 'catalog', status: 404, correlationId: 'c-2' }));
    log.add(record({ service: 'catalog', status: 503, correlationId: 'c-2' }));
    expect(log.list({ service: 'catalog' })).toHaveLength(2);
    expect(log.list({ status: '4xx' }).map((entry) => entry.status)).toEqual([404]);
    expect(log.list({ status: '503' }).map((entry) => entry.status)).toEqual([503]);
    expect(log.list({ status: ' ' })).toHaveLength(3);
    expect(log.list({ correlationId: ' c-1 ' }).map((entry) => entry.service)).toEqual(['orders']);
  });
});

describe('ServiceLogStore', () => {
  it('reads time, level, message, duration and correlation id of a pino line, and keeps a plain line as it is', () => {
    expect(
      readServiceLine(
        'orders',
        '{"level":30,"time":"2026-01-01T00:00:00.000Z","msg":"done","correlationId":"c-1","durationMs":12}',
        5,
      ),
    ).toEqual({
      service: 'orders',
      time: Date.parse('2026-01-01T00:00:00.000Z'),
      line: expect.any(String),
      correlationId: 'c-1',
      level: 'info',
      msg: 'done',
      durationMs: 12,
    });
    expect(readServiceLine('orders', 'Offline listening', 5)).toMatchObject({
      time: 5,
      correlationId: undefined,
      level: undefined,
    });
    expect(readServiceLine('orders', '{not json', 7)).toMatchObject({ time: 7, msg: undefined });
    expect(readServiceLine('orders', '[1,2]', 7)).toMatchObject({ time: 7, correlationId: undefined });
  });

  it('keeps the last lines per service and the lines of the most recent correlation ids', () => {
    const store = new ServiceLogStore({ perService: 2, correlationIds: 1, perCorrelationId: 1 });
    store.add('catalog', '{"msg":"a","correlationId":"c-1"}', 1);
    store.add('catalog', '{"msg":"b","correlationId":"c-1"}', 2);
    store.add('catalog', 'plain', 3);
    store.add('orders', '{"msg":"c","correlation_id":"c-2"}', 4);
    expect(store.linesOf('catalog').map((line) => line.line)).toEqual([
      '{"msg":"b","correlationId":"c-1"}',
      'plain',
    ]);
    expect(store.linesOf('nobody')).toEqual([]);
    expect(store.linesFor('c-1')).toEqual([]);
    expect(store.linesFor('c-2').map((line) => line.service)).toEqual(['orders']);
  });
});

describe('MetricHistory', () => {
  it('sums Count values and averages other units per second, per service and metric', () => {
    const history = new MetricHistory(2);
    const emf = (name: string, unit: string, values: number[]) => [
      { namespace: 'N', dimensions: { service: 'catalog' }, metrics: [{ name, unit, values }] },
    ];
    history.record('catalog', emf('Requests', 'Count', [1, 1]), 1_000);
    history.record('catalog', emf('Requests', 'Count', [1]), 1_500);
    history.record('catalog', emf('LatencyMs', 'Milliseconds', [10, 30]), 2_000);
    history.record('catalog', emf('Requests', 'Count', [1]), 3_000);
    history.record('catalog', emf('Requests', 'Count', [4]), 4_000);
    expect(history.series()).toEqual([
      { service: 'catalog', metric: 'LatencyMs', unit: 'Milliseconds', times: [2], values: [20] },
      { service: 'catalog', metric: 'Requests', unit: 'Count', times: [3, 4], values: [1, 4] },
    ]);
  });
});

describe('buildRequestTrace', () => {
  it('gives each gateway hop its lines, and a service seen only in its logs a hop of its own that starts durationMs before its line', () => {
    const line = (service: string, time: number, extra = '') =>
      readServiceLine(service, `{"msg":"m","time":${time},"correlationId":"c-1"${extra}}`, 0);
    const trace = buildRequestTrace(
      'c-1',
      [
        record({
          service: 'catalog',
          startedAt: 1100,
          durationMs: 50,
          method: 'GET',
          path: '/catalog/products/A',
        }),
        record({ service: 'orders', startedAt: 1000, durationMs: 400 }),
        record({ service: 'orders', startedAt: 9000, correlationId: 'other' }),
      ],
      [
        line('orders', 1390),
        line('catalog', 1120),
        line('inventory', 1300, ',"durationMs":80'),
        line('inventory', 1250),
      ],
    );
    expect(trace.services).toEqual(['orders', 'catalog', 'inventory']);
    expect(
      trace.hops.map((hop) => [hop.service, hop.via, hop.offsetMs, hop.durationMs, hop.lines.length]),
    ).toEqual([
      ['orders', 'gateway', 0, 400, 1],
      ['catalog', 'gateway', 100, 50, 1],
      ['inventory', 'invoke', 220, 80, 2],
    ]);
  });

  it('puts a line outside every hop window in the last hop of its service started before it', () => {
    const trace = buildRequestTrace(
      'c-1',
      [record({ startedAt: 1000, durationMs: 10 }), record({ startedAt: 2000, durationMs: 10 })],
      [readServiceLine('orders', '{"msg":"late","time":2500,"correlationId":"c-1"}', 0)],
    );
    expect(trace.hops.map((hop) => hop.lines.length)).toEqual([0, 1]);
    expect(buildRequestTrace('none', [], [])).toEqual({
      correlationId: 'none',
      startedAt: 0,
      services: [],
      hops: [],
    });
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('the console on the gateway', () => {
  let gateway: Gateway;
  let upstream: Server;
  const requests = new RequestLog();
  const logs = new ServiceLogStore();
  const metrics = new MetricHistory();
  const invoked: unknown[] = [];
  let root: string;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      res.writeHead(req.url === '/health' ? 200 : 201, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const port = (upstream.address() as AddressInfo).port;
    root = mkdtempSync(join(tmpdir(), 'console-'));
    const dir = join(root, 'apps', 'shop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'serverless.yml'),
      'service: shop\ncustom:\n  owner: team-shop\nfunctions:\n  health:\n    events:\n      - httpApi: { method: get, path: /health }\n  sweep:\n    handler: x\n',
    );
    writeFileSync(join(dir, 'openapi.yaml'), 'openapi: 3.1.0\ninfo: { title: shop, version: 1.0.0 }\n');
    const eventsDir = join(root, 'events');
    mkdirSync(eventsDir);
    writeFileSync(join(eventsDir, 'direct-sweep.json'), '{"token":"{{token}}","at":"{{nowMs}}"}');
    writeFileSync(join(eventsDir, 'broken.json'), '{');
    const invoke: typeof invokeLocalFunction = async (call) => {
      invoked.push(call);
      if (call.functionName === 'boom') throw new Error('shop has no function boom');
      return { payload: { swept: 0 }, functionError: undefined };
    };
    const info = {
      services: [
        {
          name: 'shop',
          status: 'ready' as const,
          url: '',
          direct: `http://127.0.0.1:${port}`,
          lambdaEndpoint: 'http://127.0.0.1:1',
          lambdaDirect: 'http://127.0.0.1:1',
          pid: 1,
          restarts: 0,
          tables: [],
          hotReload: 'serverless-esbuild' as const,
          start: 'at-once' as const,
        },
      ],
    };
    gateway = await startGateway({
      port: 0,
      routes: new Map([['shop', port]]),
      jwks: () => ({ keys: [] }),
      metrics: () => '',
      info: () => info,
      console: createConsole({
        info: () => info,
        services: [
          { name: 'shop', dir },
          { name: 'ghost', dir: join(root, 'apps', 'ghost') },
        ],
        eventsDir,
        requests,
        logs,
        metrics,
        mintToken: async (principal) => `token-for-${principal.tenant}`,
        invoke,
      }),
      onProxied: (entry) => requests.add(entry),
    });
  });

  afterAll(async () => {
    await gateway.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  const get = async (path: string): Promise<{ status: number; type: string; text: string }> => {
    const response = await fetch(`${gateway.url}${path}`);
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  };

  it('records each proxied request (service, method, path, status, duration, correlation id) and lists it at /_console/api/requests', async () => {
    await fetch(`${gateway.url}/shop/orders?x=1`, {
      method: 'POST',
      headers: { 'x-correlation-id': 'console-test-1' },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const listed = JSON.parse(
      (await get('/_console/api/requests?service=shop&status=2xx&correlationId=console-test-1')).text,
    );
    expect(listed.requests).toEqual([
      expect.objectContaining({
        service: 'shop',
        method: 'POST',
        path: '/shop/orders',
        status: 201,
        correlationId: 'console-test-1',
      }),
    ]);
    expect(JSON.parse((await get('/_console/api/requests?status=5xx')).text).requests).toEqual([]);
  });

  it('renders the services page with health, owner and routes, and 421s a foreign Host like every gateway path', async () => {
    const page = await get('/_console');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('team-shop');
    expect(page.text).toContain('<td class="ok">ok</td>');
    expect(page.text).toContain('<code>GET /shop/health</code> health');
    expect(page.text).toContain('<code>invoke only</code> sweep');
    const services = JSON.parse((await get('/_console/api/services')).text).services;
    expect(services).toEqual([
      expect.objectContaining({ name: 'shop', health: 'ok', owner: 'team-shop' }),
      expect.objectContaining({
        name: 'ghost',
        status: 'starting',
        health: 'starting',
        owner: '(none)',
        routes: [],
      }),
    ]);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request(`${gateway.url}/_console`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).end();
    });
    expect(status).toBe(421);
  });

  it("renders a correlation id's trace with each hop's log lines, escaped", async () => {
    logs.add('shop', '{"level":"info","msg":"<b>placed</b>","correlationId":"console-test-1"}');
    logs.add('stock', '{"level":"info","msg":"reserved","correlationId":"console-test-1"}');
    const page = await get('/_console/trace/console-test-1');
    expect(page.text).toContain('<strong id="trace-services">shop → stock</strong>');
    expect(page.text).toContain('&lt;b&gt;placed&lt;/b&gt;');
    expect(page.text).toContain('stock (invoked directly, seen in its logs)');
    expect(JSON.parse((await get('/_console/api/trace/console-test-1')).text).services).toEqual([
      'shop',
      'stock',
    ]);
    expect((await get('/_console/trace/unknown-cid')).text).toContain('Nothing recorded');
  });

  it("serves a service's last log lines, and the metric series", async () => {
    expect((await get('/_console/logs/shop')).text).toContain('data-service="shop"');
    expect(JSON.parse((await get('/_console/api/logs/shop?limit=1')).text).lines).toHaveLength(1);
    metrics.record('shop', [
      { namespace: 'N', dimensions: {}, metrics: [{ name: 'Requests', unit: 'Count', values: [1] }] },
    ]);
    expect(JSON.parse((await get('/_console/api/metrics')).text).series).toEqual([
      expect.objectContaining({ service: 'shop', metric: 'Requests', values: [1] }),
    ]);
    expect((await get('/_console/metrics')).text).toContain('/_console/assets/uPlot.iife.min.js');
  });

  it('serves uPlot and Swagger UI from node_modules, its own script and style, and each OpenAPI document', async () => {
    for (const [name, type] of [
      ['uPlot.iife.min.js', 'text/javascript; charset=utf-8'],
      ['uPlot.min.css', 'text/css; charset=utf-8'],
      ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
      ['swagger-ui.css', 'text/css; charset=utf-8'],
      ['console.js', 'text/javascript; charset=utf-8'],
      ['console.css', 'text/css; charset=utf-8'],
    ] as const) {
      const asset = await get(`/_console/assets/${name}`);
      expect({ name, status: asset.status, type: asset.type, empty: asset.text.length === 0 }).toEqual({
        name,
        status: 200,
        type,
        empty: false,
      });
    }
    expect((await get('/_console/openapi/shop')).text).toContain('data-spec="/_console/openapi/shop.yaml"');
    const spec = await get('/_console/openapi/shop.yaml');
    expect({ status: spec.status, type: spec.type, text: spec.text }).toEqual({
      status: 200,
      type: 'application/yaml; charset=utf-8',
      text: expect.stringContaining('title: shop'),
    });
    expect((await get('/_console/openapi/ghost.yaml')).status).toBe(404);
    expect((await get('/_console/assets/nothing.js')).status).toBe(404);
    expect((await get('/_console/api/nothing')).status).toBe(404);
  });

  it('renders the invoke form with the templates that parse, and invokes a function with {{token}} and {{nowMs}} filled', async () => {
    const page = await get('/_console/invoke');
    expect(page.text).toContain('<option>direct-sweep.json</option>');
    expect(page.text).not.toContain('broken.json');
    const post = (body: string, type = 'application/json') =>
      fetch(`${gateway.url}/_console/api/invoke`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
    const answer = await post(
      JSON.stringify({
        service: 'shop',
        function: 'sweep',
        tenant: 'acme',
        event: { token: '{{token}}', at: '{{nowMs}}' },
      }),
    );
    expect({ status: answer.status, body: await answer.json() }).toEqual({
      status: 200,
      body: { payload: { swept: 0 } },
    });
    expect(invoked[0]).toMatchObject({
      service: 'shop',
      functionName: 'sweep',
      lambdaEndpoint: 'http://127.0.0.1:1',
      event: { token: 'token-for-acme', at: expect.any(Number) },
    });
    expect((await post('{}', 'text/plain')).status).toBe(415);
    expect((await post('{')).status).toBe(400);
    expect((await post(JSON.stringify({ service: 'nobody', function: 'x' }))).status).toBe(400);
    const failed = await post(JSON.stringify({ service: 'shop', function: 'boom' }));
    expect({ status: failed.status, body: await failed.json() }).toEqual({
      status: 502,
      body: { error: 'shop has no function boom' },
    });
  });

  it('renders the token minter and a 404 page for anything else under /_console', async () => {
    expect((await get('/_console/token')).text).toContain('/_dev/token');
    expect((await get('/_console/requests')).text).toContain('id="filters"');
    const missing = await get('/_console/nothing');
    expect({ status: missing.status, text: missing.text }).toEqual({
      status: 404,
      text: expect.stringContaining('No console page /_console/nothing'),
    });
  });
});
