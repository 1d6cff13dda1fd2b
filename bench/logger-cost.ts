// Logger cost per line, from the observability lib's own benchmark
// (libs/observability/bench/logger.bench.ts). That script exports nothing and runs when loaded,
// so it is run as it is meant to be, in its own process, and its report
// (reports/bench/logger.json) is read back.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One scenario of the logger benchmark, as its report writes it. */
interface LoggerScenario {
  name: string;
  description: string;
  nsPerLine: { p50: number; p99: number; mean: number; min: number };
  linesPerSecond: number;
  bytesPerLine: number;
}

/** reports/bench/logger.json, the parts read here. */
export interface LoggerReport {
  benchmark: 'logger';
  unit: string;
  batches: number;
  linesPerBatch: number;
  date: string;
  results: LoggerScenario[];
}

const workspaceRoot = join(__dirname, '..');
const LOGGER_BENCH = join(workspaceRoot, 'libs', 'observability', 'bench', 'logger.bench.ts');
const LOGGER_REPORT = join(workspaceRoot, 'reports', 'bench', 'logger.json');
const CHILD_TIMEOUT_MS = 10 * 60_000;

function isLoggerReport(value: unknown): value is LoggerReport {
  const report = value as Partial<LoggerReport> | null;
  return (
    typeof report === 'object' &&
    report !== null &&
    report.benchmark === 'logger' &&
    typeof report.date === 'string' &&
    Array.isArray(report.results)
  );
}

/**
 * Runs the logger benchmark with tsx in a child process (its sizes from BENCH_BATCHES and
 * BENCH_LINES_PER_BATCH in `env`) and returns the report it wrote.
 *
 * @example
 * const report = benchLoggerCost();
 * console.log(report.results.map((scenario) => scenario.nsPerLine.p50));
 */
export function benchLoggerCost(env: NodeJS.ProcessEnv = process.env): LoggerReport {
  const startedAt = new Date();
  const child = spawnSync(join(workspaceRoot, 'node_modules', '.bin', 'tsx'), [LOGGER_BENCH], {
    cwd: workspaceRoot,
    env,
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
  });
  if (child.error) throw child.error;
  if (child.status !== 0) {
    throw new Error(
      `${LOGGER_BENCH} failed (exit ${String(child.status)}): ${`${child.stdout}\n${child.stderr}`.trim().slice(-2_000)}`,
    );
  }
  const report: unknown = JSON.parse(readFileSync(LOGGER_REPORT, 'utf8'));
  if (!isLoggerReport(report)) throw new Error(`${LOGGER_REPORT} is not a logger benchmark report`);
  if (new Date(report.date) < startedAt) {
    throw new Error(`${LOGGER_REPORT} was not rewritten by this run (dated ${report.date})`);
  }
  return report;
}
