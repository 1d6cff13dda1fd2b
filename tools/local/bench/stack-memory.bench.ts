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
import { spawnDevStack, type DevStackProcess } from '../src/dev-stack-process';
import { residentKib } from '../src/process-table';
import { round1, writeBenchReport } from './bench-report';

const SERVICES = process.env['BENCH_SERVICES'] ?? 'catalog,inventory,orders';
const ORDERS = Number(process.env['BENCH_ORDERS'] ?? 60);

interface Sample {
  totalMiB: number;
  processes: Array<{ pid: number; role: string; rssMiB: number }>;
}

function roleOf(command: string): string {
  if (command.includes('DynamoDBLocal.jar')) return 'dynamodb-local (java)';
  const offline = /offline start .*--httpPort (\d+)/.exec(command);
  if (offline) return `serverless-offline :${offline[1]}`;
  if (command.includes('esbuild') && command.includes('--service')) return 'esbuild service';
  if (command.includes('tools/local/src/cli/dev.ts')) return 'dev.ts (node --import tsx)';
  if (command.includes('process.stdin')) return 'orphan reaper';
  return command.slice(0, 60);
}

function sample(stack: DevStackProcess): Sample {
  const processes = stack.processes().flatMap((entry) => {
    const kib = residentKib(entry.pid);
    return kib === undefined
      ? []
      : [{ pid: entry.pid, role: roleOf(entry.command), rssMiB: round1(kib / 1024) }];
  });
  return { totalMiB: round1(processes.reduce((sum, entry) => sum + entry.rssMiB, 0)), processes };
}

function print(label: string, figures: Sample): void {
  console.log(`\n${label}: ${figures.totalMiB} MiB over ${figures.processes.length} processes`);
  for (const entry of [...figures.processes].sort((a, b) => b.rssMiB - a.rssMiB)) {
    console.log(`  ${String(entry.rssMiB).padStart(7)} MiB  ${entry.role}`);
  }
}

async function main(): Promise<void> {
  const stack = await spawnDevStack({ args: ['--only', SERVICES] });
  try {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idle = sample(stack);
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
    const loaded = sample(stack);
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
