import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { WORKSPACE_ROOT } from '../src/dev-stack-process';

/** Where the benchmarks write their JSON. */
const BENCH_DIR = join(WORKSPACE_ROOT, 'reports', 'bench');

/** The machine a figure was measured on. */
function machine(): Record<string, unknown> {
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus().length,
    date: new Date().toISOString(),
  };
}

/** Writes `reports/bench/<name>.json` and says where. */
export function writeBenchReport(name: string, report: Record<string, unknown>): void {
  mkdirSync(BENCH_DIR, { recursive: true });
  const path = join(BENCH_DIR, `${name}.json`);
  writeFileSync(path, `${JSON.stringify({ benchmark: name, ...report, ...machine() }, null, 2)}\n`);
  console.log(`\nwritten: ${relative(WORKSPACE_ROOT, path)}`);
}

/** One decimal. */
export const round1 = (value: number): number => Math.round(value * 10) / 10;
