// A bounded load run through a local stack: POST /orders and the GET routes of the three services,
// driven with autocannon at the dev stage's HTTP API throttle rate (params throttleRate /
// throttleBurst of serverless/service-defaults.yml) for BENCH_SECONDS (20). It prints the status
// codes counted and writes reports/bench/orders-load.json and .md (the stack's output:
// orders-load.stack.log).
//
//   npx tsx bench/orders-load.bench.ts   (BENCH_SECONDS=20, BENCH_CONNECTIONS=burst/10 (20), BENCH_GATEWAY_PORT)
//
// A benchmark, with one check: it exits 1 when any 5xx other than a 503 carrying Retry-After was
// answered (the platform's rule for dependency failures), 0 otherwise.
import autocannon from 'autocannon';
import { loadOrCreateDevIssuer } from '@platform/auth/dev-issuer';
import { spawnDevStack, WORKSPACE_ROOT } from '@platform/local';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const STAGE = 'dev';
const TENANT = `bench-${randomBytes(4).toString('hex')}`;
const SKUS = ['BENCH-PEN', 'BENCH-MUG', 'BENCH-CAP'];

/** The stage's throttle settings: `params.default` overridden by `params.<stage>`. */
function throttleOf(stage: string): { rate: number; burst: number } {
  const defaults = parse(readFileSync(join(WORKSPACE_ROOT, 'serverless/service-defaults.yml'), 'utf8')) as {
    params: Record<string, Record<string, unknown> | undefined>;
  };
  const merged = { ...defaults.params['default'], ...defaults.params[stage] };
  const rate = Number(merged['throttleRate']);
  const burst = Number(merged['throttleBurst']);
  if (!Number.isFinite(rate) || !Number.isFinite(burst)) {
    throw new Error(`no throttleRate/throttleBurst for stage ${stage} in serverless/service-defaults.yml`);
  }
  return { rate, burst };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

/** BENCH_GATEWAY_PORT, else the first free of 3330–3339 (others use 3000 and 3310–3329). */
async function gatewayPort(): Promise<number> {
  const fromEnv = process.env['BENCH_GATEWAY_PORT'];
  if (fromEnv) return Number(fromEnv);
  for (let port = 3330; port <= 3339; port += 1) if (await portIsFree(port)) return port;
  throw new Error('no free port in 3330–3339: set BENCH_GATEWAY_PORT');
}

async function seed(baseUrl: string, token: string): Promise<void> {
  for (const sku of SKUS) {
    for (const [path, body] of [
      [`/catalog/products/${sku}`, { name: `Bench ${sku}`, priceCents: 250, currency: 'EUR' }],
      [`/inventory/stock/${sku}`, { available: 1_000_000 }],
    ] as const) {
      const reply = await fetch(`${baseUrl}${path}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!reply.ok) throw new Error(`seeding ${path} answered ${reply.status}`);
    }
  }
}

interface Counts {
  byStatus: Record<string, number>;
  byRoute: Record<string, Record<string, number>>;
  /** 5xx answers that are not a 503 with Retry-After. */
  bad5xx: number;
  /** 503 answers with Retry-After. */
  retryable503: number;
}

function markdown(report: Record<string, unknown>, counts: Counts): string {
  const lines = [
    '# orders-load',
    '',
    `${String(report['requests'])} requests in ${SECONDS} s through the local gateway: offered at up to ${String(report['rate'])} req/s (dev throttleRate; burst ${String(report['burst'])}) over ${String(report['connections'])} connections, answered ${String(report['requestsPerSec'])} req/s on average (each connection waits for its answer).`,
    '',
    '| route | status | count |',
    '| ----- | ------ | ----- |',
    ...Object.entries(counts.byRoute).flatMap(([route, statuses]) =>
      Object.entries(statuses).map(([status, count]) => `| ${route} | ${status} | ${count} |`),
    ),
    '',
    `5xx other than 503 + Retry-After: ${counts.bad5xx}${counts.bad5xx > 0 ? ' (FAIL)' : ''}`,
    `p50 ${String(report['p50Ms'])} ms, p99 ${String(report['p99Ms'])} ms; load average ${JSON.stringify(report['loadAverage'])} on ${String(report['cpuCount'])} × ${String(report['cpu'])}`,
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { rate, burst } = throttleOf(STAGE);
  const connections = Number(process.env['BENCH_CONNECTIONS'] ?? Math.max(1, Math.round(burst / 10)));
  const port = await gatewayPort();
  console.error(`starting a local stack on :${port}…`);
  // The stack's output, to see why a 503 was answered.
  mkdirSync(join(WORKSPACE_ROOT, 'reports', 'bench'), { recursive: true });
  const stackLog = createWriteStream(join(WORKSPACE_ROOT, 'reports', 'bench', 'orders-load.stack.log'));
  const stack = await spawnDevStack({
    args: ['--services', 'all'],
    gatewayPort: port,
    onLine: (line) => stackLog.write(`${line}\n`),
  });
  const counts: Counts = { byStatus: {}, byRoute: {}, bad5xx: 0, retryable503: 0 };
  try {
    const issuer = await loadOrCreateDevIssuer();
    const token = await issuer.mint({
      sub: 'bench-buyer',
      tenant: TENANT,
      scope: 'catalog:read catalog:write inventory:read inventory:write orders:read orders:write',
      expiresInSec: 3600,
    });
    await seed(stack.gatewayUrl, token);

    const count =
      (route: string) =>
      (status: number, _body: string, _context: unknown, headers?: Record<string, string>): void => {
        const key = String(status);
        counts.byStatus[key] = (counts.byStatus[key] ?? 0) + 1;
        const perRoute = (counts.byRoute[route] ??= {});
        perRoute[key] = (perRoute[key] ?? 0) + 1;
        if (status >= 500) {
          const retryAfter = headers?.['retry-after'] ?? headers?.['Retry-After'];
          if (status === 503 && retryAfter !== undefined) counts.retryable503 += 1;
          else counts.bad5xx += 1;
        }
      };
    const sku = (index: number): string => SKUS[index % SKUS.length] ?? 'BENCH-PEN';
    let orderNumber = 0;
    const requests: autocannon.Request[] = [
      {
        method: 'POST',
        path: '/orders',
        setupRequest: (request) => {
          orderNumber += 1;
          return {
            ...request,
            headers: { ...request.headers, 'idempotency-key': `bench-${TENANT}-${orderNumber}` },
            body: JSON.stringify({ lines: [{ sku: sku(orderNumber), qty: 1 }] }),
          };
        },
        onResponse: count('POST /orders'),
      },
      {
        method: 'GET',
        path: `/catalog/products/${sku(0)}`,
        onResponse: count('GET /catalog/products/{sku}'),
      },
      { method: 'GET', path: `/inventory/stock/${sku(1)}`, onResponse: count('GET /inventory/stock/{sku}') },
      { method: 'GET', path: '/orders?limit=5', onResponse: count('GET /orders') },
    ];
    console.error(`${SECONDS} s at ${rate} req/s over ${connections} connections…`);
    const result = await autocannon({
      url: stack.gatewayUrl,
      connections,
      overallRate: rate,
      duration: SECONDS,
      timeout: 30,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests,
    });
    const report = {
      unit: 'status codes counted; milliseconds per request',
      stage: STAGE,
      rate,
      burst,
      connections,
      seconds: SECONDS,
      requests: result.requests.total,
      requestsPerSec: Math.round(result.requests.average * 10) / 10,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes: counts.byStatus,
      byRoute: counts.byRoute,
      retryable503: counts.retryable503,
      bad5xx: counts.bad5xx,
      loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      cpuCount: cpus().length,
      node: process.version,
      date: new Date().toISOString(),
    };
    console.log('\nroute                          status  count');
    for (const [route, statuses] of Object.entries(counts.byRoute)) {
      for (const [status, n] of Object.entries(statuses)) {
        console.log(`${route.padEnd(30)} ${status.padStart(6)}  ${String(n).padStart(5)}`);
      }
    }
    console.log(
      `\n${report.requests} requests, ${report.requestsPerSec} req/s, p50 ${report.p50Ms} ms, p99 ${report.p99Ms} ms, errors ${report.errors}, timeouts ${report.timeouts}`,
    );
    console.log(`5xx other than 503 + Retry-After: ${counts.bad5xx}`);
    const dir = join(WORKSPACE_ROOT, 'reports', 'bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'orders-load.json'),
      `${JSON.stringify({ benchmark: 'orders-load', ...report }, null, 2)}\n`,
    );
    writeFileSync(join(dir, 'orders-load.md'), markdown(report, counts));
    console.log(`written: ${relative(WORKSPACE_ROOT, join(dir, 'orders-load.json'))} and .md`);
  } finally {
    await stack.stop('SIGINT').catch((error: unknown) => console.error(error));
    stackLog.end();
  }
  return counts.bad5xx > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
