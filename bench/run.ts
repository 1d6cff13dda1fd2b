// Issue 3's benchmark: httpHandler overhead per request versus a bare handler, logger cost per
// line, and the time each lib takes to load in a fresh process — one table, one JSON report.
//
//   npx tsx bench/run.ts [--only http,logger,load]
//
// Prints the report as JSON, then the table, on standard output (progress goes to standard error)
// and writes reports/bench/libs.json at the workspace root, with the machine it ran on.
// A benchmark, not a test: it reports figures and asserts nothing. Compare runs on one machine only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { benchHttpHandler, type HttpHandlerBenchRun } from '../libs/http/bench/http-handler.bench';
import { benchLibLoad, type LibLoadReport } from './lib-load.bench';
import { benchLoggerCost, type LoggerReport } from './logger-cost';

const BENCHMARKS = ['http', 'logger', 'load'] as const;
type BenchmarkName = (typeof BENCHMARKS)[number];

const USAGE = `usage: npx tsx bench/run.ts [--only ${BENCHMARKS.join(',')}]`;

/** One line of the printed table; a blank cell is a figure the benchmark does not produce. */
interface TableRow {
  benchmark: BenchmarkName;
  case: string;
  unit: string;
  p50: number | '';
  p99: number | '';
  mean: number | '';
  min: number | '';
  max: number | '';
  note: string;
}

class UsageError extends Error {
  override name = 'UsageError';
}

function isBenchmarkName(value: string): value is BenchmarkName {
  return (BENCHMARKS as readonly string[]).includes(value);
}

/** The benchmarks `--only a,b` (or `--only=a,b`) selects; all of them without it. */
function selectedBenchmarks(argv: readonly string[]): BenchmarkName[] {
  let only: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === '--only') {
      only = argv[index + 1];
      if (only === undefined) throw new UsageError(`--only needs a list. ${USAGE}`);
      index += 1;
    } else if (argument.startsWith('--only=')) {
      only = argument.slice('--only='.length);
    } else {
      throw new UsageError(`unknown argument ${argument}. ${USAGE}`);
    }
  }
  if (only === undefined) return [...BENCHMARKS];
  const names = only
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !isBenchmarkName(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(
      `unknown benchmark ${unknown.join(', ') || '(none)'}: choose from ${BENCHMARKS.join(', ')}`,
    );
  }
  return BENCHMARKS.filter((name) => names.includes(name));
}

function httpRows(run: HttpHandlerBenchRun): TableRow[] {
  return [
    ...run.scenarios.map((scenario): TableRow => ({
      benchmark: 'http',
      case: scenario.name,
      unit: 'µs/request',
      ...scenario.usPerRequest,
      note: `${scenario.expectedStatus}, ${scenario.requestsPerSecond} req/s${
        scenario.unexpectedStatuses > 0 ? `, ${scenario.unexpectedStatuses} UNEXPECTED STATUSES` : ''
      }`,
    })),
    ...run.overheads.map((overhead): TableRow => ({
      benchmark: 'http',
      case: overhead.name,
      unit: 'µs/request',
      ...overhead.usPerRequest,
      min: '',
      max: '',
      note: 'difference of the figures',
    })),
  ];
}

function loggerRows(report: LoggerReport): TableRow[] {
  return report.results.map((scenario) => ({
    benchmark: 'logger',
    case: scenario.name,
    unit: 'ns/line',
    p50: scenario.nsPerLine.p50,
    p99: scenario.nsPerLine.p99,
    mean: scenario.nsPerLine.mean,
    min: scenario.nsPerLine.min,
    max: '',
    note: `${scenario.bytesPerLine} B/line; over ${report.batches} batches of ${report.linesPerBatch}`,
  }));
}

function loadRows(report: LibLoadReport): TableRow[] {
  return [report.floor, ...report.results].map((result) => ({
    benchmark: 'load',
    case: result.name,
    unit: 'ms to require',
    p50: result.msToRequire.p50,
    p99: '',
    mean: result.msToRequire.mean,
    min: result.msToRequire.min,
    max: result.msToRequire.max,
    note: `bundle ${result.bundleBytes} B, ${result.runs} runs`,
  }));
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<void> {
  const selected = selectedBenchmarks(process.argv.slice(2));
  const started = new Date();
  const loadAverageBefore = loadavg();
  let http: HttpHandlerBenchRun | undefined;
  let logger: LoggerReport | undefined;
  let load: LibLoadReport | undefined;
  for (const name of selected) {
    const since = performance.now();
    progress(`bench: running ${name}…`);
    if (name === 'http') http = await benchHttpHandler();
    if (name === 'logger') logger = benchLoggerCost();
    if (name === 'load') load = await benchLibLoad();
    progress(`bench: ${name} done in ${((performance.now() - since) / 1_000).toFixed(1)} s`);
  }

  const rows = [
    ...(http ? httpRows(http) : []),
    ...(logger ? loggerRows(logger) : []),
    ...(load ? loadRows(load) : []),
  ];
  const report = {
    benchmark: 'libs',
    machine: {
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      cores: cpus().length,
      totalMemoryBytes: totalmem(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      date: started.toISOString(),
      // 1/5/15-minute load averages before and after: other work on the machine skews the figures.
      loadAverageBefore,
      loadAverageAfter: loadavg(),
    },
    ran: selected,
    table: rows,
    ...(http ? { http } : {}),
    ...(logger ? { logger } : {}),
    ...(load ? { load } : {}),
  };

  const root = join(__dirname, '..');
  const file = join(root, 'reports', 'bench', 'libs.json');
  mkdirSync(join(root, 'reports', 'bench'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

  console.log(JSON.stringify(report, null, 2));
  console.log(
    `\n${report.machine.cpuModel}, ${report.machine.cores} cores, node ${report.machine.node}, ${report.machine.date}`,
  );
  console.table(
    Object.fromEntries(
      rows.map(({ benchmark, case: name, ...figures }) => [`${benchmark} ${name}`, figures] as const),
    ),
  );
  progress(`bench: written ${relative(process.cwd(), file) || file}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
