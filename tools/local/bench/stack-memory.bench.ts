// Resident memory of the whole local stack: the sum of VmRSS (/proc/<pid>/status) over every
// process of it (the stack's node, its orphan reaper, DynamoDB Local's JVM, each serverless-offline
// and its esbuild), once ready and idle, then after traffic: the demo seed and parallel orders, which
// make serverless-offline start worker threads (at most GATEWAY_CONCURRENCY, 8, per service).
//
//   npx tsx tools/local/bench/stack-memory.bench.ts   (BENCH_SERVICES=catalog,inventory,orders, BENCH_ORDERS=60)
//
// Prints a table and writes reports/bench/local-memory.json. A benchmark: it asserts nothing.
import { randomUUID } from 'node:crypto';
import { loadOrCreateDevIssuer } from '@platform/auth/dev-issuer';
import { seedDemoData, SEED_SCOPES } from '../src/demo-data';
import { spawnDevStack } from '../src/dev-stack-process';
import { writeBenchReport } from './bench-report';
import { sampleStack, type StackSample } from './stack-sample';

const SERVICES = process.env['BENCH_SERVICES'] ?? 'catalog,inventory,orders';
const ORDERS = Number(process.env['BENCH_ORDERS'] ?? 60);

function print(label: string, figures: StackSample): void {
  console.log(`\n${label}: ${figures.totalMiB} MiB over ${figures.processes.length} processes`);
  for (const entry of [...figures.processes].sort((a, b) => b.rssMiB - a.rssMiB)) {
    console.log(`  ${String(entry.rssMiB).padStart(7)} MiB  ${entry.role}`);
  }
}

async function main(): Promise<void> {
  const stack = await spawnDevStack({ args: ['--only', SERVICES] });
  try {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idle = sampleStack(stack);
    print('ready, idle', idle);

    const issuer = await loadOrCreateDevIssuer();
    const tenant = `bench-${randomUUID().slice(0, 8)}`;
    await seedDemoData(stack.gatewayUrl, await issuer.mint({ sub: 'seed', tenant, scope: SEED_SCOPES }));
    const token = await issuer.mint({ sub: 'bench', tenant, scope: 'orders:write catalog:read' });
    const statuses = await Promise.all(
      Array.from({ length: ORDERS }, async () => {
        const response = await fetch(`${stack.gatewayUrl}/orders`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify({ lines: [{ sku: 'PEN-BLUE', qty: 1 }] }),
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    const loaded = sampleStack(stack);
    print(
      `after the seed and ${ORDERS} parallel orders (${statuses.filter((s) => s === 201).length} × 201)`,
      loaded,
    );
    writeBenchReport('local-memory', {
      unit: 'MiB of resident memory (VmRSS), summed over every process of the stack',
      services: SERVICES.split(','),
      idle,
      afterTraffic: { orders: ORDERS, ...loaded },
    });
  } finally {
    await stack.stop('SIGINT');
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
