// Cost of one log line through createLogger: JSON building, context mixin and redaction.
//
//   npx tsx libs/observability/bench/logger.bench.ts
//
// Prints a table and writes reports/bench/logger.json at the workspace root. Lines go to a
// destination that discards them, so the figures are the logger's own cost, not the I/O's.
// A benchmark, not a test: it reports figures and asserts nothing.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import { createLogger, runWithRequestContext } from '../src';

const WARM_UP_LINES = 20_000;
const BATCHES = Number(process.env['BENCH_BATCHES'] ?? 200);
const LINES_PER_BATCH = Number(process.env['BENCH_LINES_PER_BATCH'] ?? 1_000);

interface Scenario {
  name: string;
  description: string;
  logger: Logger;
  /** Writes one line. */
  logLine: (logger: Logger, index: number) => void;
  /** Runs a batch; a scenario with a request context runs it inside one. */
  inContext: boolean;
}

interface Result {
  name: string;
  description: string;
  nsPerLine: { p50: number; p99: number; mean: number; min: number };
  usPerLine: { p50: number; p99: number };
  linesPerSecond: number;
  bytesPerLine: number;
}

/** Counts what it is given and keeps nothing. */
function discardingDestination(): DestinationStream & { bytes: number; lines: number } {
  const destination = {
    bytes: 0,
    lines: 0,
    write(line: string) {
      destination.bytes += line.length;
      destination.lines += 1;
    },
  };
  return destination;
}

const requestWithSecrets = {
  method: 'POST',
  route: 'POST /orders',
  headers: {
    authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.signature',
    cookie: 'session=abc123',
    'content-type': 'application/json',
    'x-correlation-id': 'corr-1234-abcd',
  },
  body: {
    lines: [{ sku: 'ABC-1', qty: 2 }],
    payment: { cardToken: 'tok_123', billing: { password: 'hunter2' } },
  },
};
const context = {
  correlationId: 'corr-1234-abcd',
  requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  functionName: 'orders-dev-placeOrder',
  coldStart: false,
  traceId: '1-5759e988-bd862e3fe1be46a994272793',
};

const destinations = new Map<string, ReturnType<typeof discardingDestination>>();
function loggerFor(name: string, create: (destination: DestinationStream) => Logger): Logger {
  const destination = discardingDestination();
  destinations.set(name, destination);
  return create(destination);
}

const scenarios: Scenario[] = [
  {
    name: 'pino-defaults',
    description: 'plain pino with its defaults (for comparison): message only',
    logger: loggerFor('pino-defaults', (destination) => pino({ level: 'info' }, destination)),
    logLine: (logger) => logger.info('order placed'),
    inContext: false,
  },
  {
    name: 'message-only',
    description: 'createLogger: message only, outside a request',
    logger: loggerFor('message-only', (destination) =>
      createLogger({ service: 'orders', stage: 'dev', destination }),
    ),
    logLine: (logger) => logger.info('order placed'),
    inContext: false,
  },
  {
    name: 'small-fields',
    description: 'createLogger: three plain fields, outside a request',
    logger: loggerFor('small-fields', (destination) =>
      createLogger({ service: 'orders', stage: 'dev', destination }),
    ),
    logLine: (logger, index) =>
      logger.info({ sku: 'ABC-1', qty: index % 7, priceCents: 1250 }, 'order placed'),
    inContext: false,
  },
  {
    name: 'with-redaction',
    description: 'createLogger: a request with secrets at depth 2-4 (4 values redacted), outside a request',
    logger: loggerFor('with-redaction', (destination) =>
      createLogger({ service: 'orders', stage: 'dev', destination }),
    ),
    logLine: (logger) => logger.info({ request: requestWithSecrets }, 'request received'),
    inContext: false,
  },
  {
    name: 'with-context',
    description: 'createLogger: three plain fields, inside runWithRequestContext (5 context fields)',
    logger: loggerFor('with-context', (destination) =>
      createLogger({ service: 'orders', stage: 'dev', destination }),
    ),
    logLine: (logger, index) =>
      logger.info({ sku: 'ABC-1', qty: index % 7, priceCents: 1250 }, 'order placed'),
    inContext: true,
  },
  {
    name: 'with-redaction-and-context',
    description: 'createLogger: the request with secrets, inside runWithRequestContext',
    logger: loggerFor('with-redaction-and-context', (destination) =>
      createLogger({ service: 'orders', stage: 'dev', destination }),
    ),
    logLine: (logger) => logger.info({ request: requestWithSecrets }, 'request received'),
    inContext: true,
  },
];

function runBatch(scenario: Scenario, lines: number): void {
  const batch = (): void => {
    for (let index = 0; index < lines; index += 1) scenario.logLine(scenario.logger, index);
  };
  if (scenario.inContext) runWithRequestContext(context, batch);
  else batch();
}

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function measure(scenario: Scenario): Result {
  runBatch(scenario, WARM_UP_LINES);
  const destination = destinations.get(scenario.name);
  const bytesBefore = destination?.bytes ?? 0;
  const linesBefore = destination?.lines ?? 0;
  const nsPerLine: number[] = [];
  for (let batch = 0; batch < BATCHES; batch += 1) {
    const started = process.hrtime.bigint();
    runBatch(scenario, LINES_PER_BATCH);
    nsPerLine.push(Number(process.hrtime.bigint() - started) / LINES_PER_BATCH);
  }
  const sorted = [...nsPerLine].sort((a, b) => a - b);
  const mean = nsPerLine.reduce((sum, value) => sum + value, 0) / nsPerLine.length;
  const round = (value: number): number => Math.round(value * 10) / 10;
  const written = (destination?.lines ?? 0) - linesBefore;
  return {
    name: scenario.name,
    description: scenario.description,
    nsPerLine: {
      p50: round(percentile(sorted, 0.5)),
      p99: round(percentile(sorted, 0.99)),
      mean: round(mean),
      min: round(sorted[0] ?? Number.NaN),
    },
    usPerLine: { p50: round(percentile(sorted, 0.5) / 1000), p99: round(percentile(sorted, 0.99) / 1000) },
    linesPerSecond: Math.round(1e9 / percentile(sorted, 0.5)),
    bytesPerLine: written > 0 ? Math.round(((destination?.bytes ?? 0) - bytesBefore) / written) : 0,
  };
}

function workspaceRoot(): string {
  let directory = __dirname;
  while (!existsSync(join(directory, 'nx.json'))) {
    const parent = dirname(directory);
    if (parent === directory) return process.cwd();
    directory = parent;
  }
  return directory;
}

function main(): void {
  const results = scenarios.map(measure);
  const report = {
    benchmark: 'logger',
    unit: 'nanoseconds per log line; p50/p99 over batches',
    batches: BATCHES,
    linesPerBatch: LINES_PER_BATCH,
    warmUpLines: WARM_UP_LINES,
    destination: 'discarding in-memory stream (no I/O)',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpuCount: cpus().length,
    date: new Date().toISOString(),
    results,
  };

  console.log(
    `logger cost per line — ${BATCHES} batches × ${LINES_PER_BATCH} lines, ${report.node}, ${report.cpu}`,
  );
  console.table(
    Object.fromEntries(
      results.map((result) => [
        result.name,
        {
          'p50 ns': result.nsPerLine.p50,
          'p99 ns': result.nsPerLine.p99,
          'mean ns': result.nsPerLine.mean,
          'p50 µs': result.usPerLine.p50,
          'lines/s (p50)': result.linesPerSecond,
          'bytes/line': result.bytesPerLine,
        },
      ]),
    ),
  );

  const root = workspaceRoot();
  const file = join(root, 'reports', 'bench', 'logger.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written: ${relative(process.cwd(), file) || file}`);
}

main();
