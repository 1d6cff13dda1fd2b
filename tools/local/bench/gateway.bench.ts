// Latency and throughput of `GET /catalog/products/{sku}` through the local gateway versus straight
// to catalog's serverless-offline port, with autocannon: the gateway's overhead as a ratio. The
// stack runs catalog alone (less noise), without the gateway's per-service concurrency limit (so that
// this measures the proxy, not its queue); one product is seeded with a dev token. Rounds alternate
// which of direct and gateway goes first, so that the stack's warming up hits both alike.
//
//   npx tsx tools/local/bench/gateway.bench.ts   (BENCH_CONNECTIONS=10, BENCH_SECONDS=10, BENCH_ROUNDS=4)
//
// Prints a table and writes reports/bench/local-gateway.json. A benchmark: it asserts nothing.
import autocannon from 'autocannon';
import { loadOrCreateDevIssuer } from '@platform/auth/dev-issuer';
import { spawnDevStack } from '../src/dev-stack-process';
import { round1, writeBenchReport } from './bench-report';

const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 4);
const WARM_UP_SECONDS = 10;

interface Figures {
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  requestsPerSec: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function measure(url: string, token: string, seconds: number): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    timeout: 30,
  });
  return {
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: round1(result.latency.mean),
    requestsPerSec: round1(result.requests.average),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function combine(rounds: readonly Figures[]): Figures {
  const mean = (pick: (f: Figures) => number): number =>
    round1(rounds.reduce((sum, f) => sum + pick(f), 0) / rounds.length);
  const sum = (pick: (f: Figures) => number): number => rounds.reduce((total, f) => total + pick(f), 0);
  return {
    p50Ms: mean((f) => f.p50Ms),
    p99Ms: mean((f) => f.p99Ms),
    meanMs: mean((f) => f.meanMs),
    requestsPerSec: mean((f) => f.requestsPerSec),
    requests: sum((f) => f.requests),
    non2xx: sum((f) => f.non2xx),
    errors: sum((f) => f.errors),
  };
}

async function main(): Promise<void> {
  // No concurrency limit at the gateway here: this measures the proxy, not its queue.
  const stack = await spawnDevStack({ args: ['--only', 'catalog'], env: { GATEWAY_CONCURRENCY: '0' } });
  try {
    const info = await stack.info();
    const direct = info.services.find((service) => service.name === 'catalog')?.direct;
    if (!direct) throw new Error('catalog is not in the stack');
    const issuer = await loadOrCreateDevIssuer();
    const token = await issuer.mint({
      sub: 'bench',
      tenant: 'bench',
      scope: 'catalog:read catalog:write',
      expiresInSec: 3600,
    });
    const put = await fetch(`${stack.gatewayUrl}/catalog/products/BENCH-1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bench pen', priceCents: 150, currency: 'EUR' }),
    });
    if (!put.ok) throw new Error(`seeding answered ${put.status}`);
    const path = '/catalog/products/BENCH-1';
    const targets = { direct: `${direct}${path}`, gateway: `${stack.gatewayUrl}${path}` };

    console.log(`warming up (${WARM_UP_SECONDS} s each, ${CONNECTIONS} connections)…`);
    await measure(targets.direct, token, WARM_UP_SECONDS);
    await measure(targets.gateway, token, WARM_UP_SECONDS);

    const rounds: Record<'direct' | 'gateway', Figures[]> = { direct: [], gateway: [] };
    for (let round = 1; round <= ROUNDS; round += 1) {
      // Alternate which goes first: the stack still warms up from round to round.
      const order = round % 2 === 1 ? (['direct', 'gateway'] as const) : (['gateway', 'direct'] as const);
      for (const target of order) {
        const figures = await measure(targets[target], token, SECONDS);
        rounds[target].push(figures);
        console.log(
          `round ${round} ${target.padEnd(7)} p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  ${figures.requestsPerSec} req/s  (non-2xx ${figures.non2xx}, errors ${figures.errors})`,
        );
      }
    }
    const directFigures = combine(rounds.direct);
    const gatewayFigures = combine(rounds.gateway);
    const ratio = (a: number, b: number): number => Math.round((a / b) * 1000) / 1000;
    const overhead = {
      p50Ratio: ratio(gatewayFigures.p50Ms, directFigures.p50Ms),
      p99Ratio: ratio(gatewayFigures.p99Ms, directFigures.p99Ms),
      throughputRatio: ratio(gatewayFigures.requestsPerSec, directFigures.requestsPerSec),
      p50AddedMs: round1(gatewayFigures.p50Ms - directFigures.p50Ms),
    };
    console.log('\n            p50 ms   p99 ms   req/s');
    for (const [name, figures] of [
      ['direct', directFigures],
      ['gateway', gatewayFigures],
    ] as const) {
      console.log(
        `${name.padEnd(10)}  ${String(figures.p50Ms).padStart(6)}   ${String(figures.p99Ms).padStart(6)}   ${String(figures.requestsPerSec).padStart(5)}`,
      );
    }
    console.log(
      `gateway/direct: p50 ×${overhead.p50Ratio}, p99 ×${overhead.p99Ratio}, throughput ×${overhead.throughputRatio} (p50 +${overhead.p50AddedMs} ms)`,
    );
    writeBenchReport('local-gateway', {
      unit: 'milliseconds per request (latency), requests per second (throughput)',
      request: `GET ${path} with a bearer token (catalog verifies it, reads DynamoDB Local)`,
      connections: CONNECTIONS,
      gatewayConcurrency: 'unlimited (GATEWAY_CONCURRENCY=0)',
      secondsPerRound: SECONDS,
      rounds: ROUNDS,
      direct: directFigures,
      gateway: gatewayFigures,
      overhead,
      perRound: rounds,
    });
  } finally {
    await stack.stop('SIGINT');
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
