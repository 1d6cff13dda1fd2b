import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { CoverageRecord } from './delivery-kpis';

/** Where the coverage records live in a workspace (one JSON object per line, appended). */
export const COVERAGE_HISTORY_FILE = 'reports/history/coverage.jsonl';

function summaries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // coverage/combined is make test's merged report of every project, not a project.
    if (entry.isDirectory()) return entry.name === 'combined' ? [] : summaries(path);
    return entry.name === 'coverage-summary.json' ? [path] : [];
  });
}

/**
 * One coverage record per project that has a `coverage-summary.json` (Jest's json-summary) under
 * `coverageRoot`; the project is the summary's folder relative to the root (`apps/catalog`).
 *
 * @example
 * coverageRecordsFrom('coverage', { sha: 'f00d…', committedAt: '2026-12-01T10:00:00Z' }, new Date());
 */
export function coverageRecordsFrom(
  coverageRoot: string,
  commit: { sha: string; committedAt: string },
  recordedAt: Date,
): CoverageRecord[] {
  return summaries(coverageRoot)
    .sort()
    .flatMap((file) => {
      const summary = JSON.parse(readFileSync(file, 'utf8')) as {
        total?: { lines?: { pct?: unknown; total?: unknown } };
      };
      const pct = summary.total?.lines?.pct;
      if (summary.total?.lines?.total === 0) return []; // a project with no source lines (istanbul says "Unknown")
      if (typeof pct !== 'number') throw new Error(`${file} has no total.lines.pct`);
      return {
        schema: 'serverless-factory/coverage@1' as const,
        project: relative(coverageRoot, dirname(file)).split('\\').join('/'),
        sha: commit.sha,
        committedAt: commit.committedAt,
        recordedAt: recordedAt.toISOString(),
        linesPct: pct,
      };
    });
}

/**
 * Appends coverage records to the history file (created with its folder).
 *
 * @example
 * appendCoverageRecords(COVERAGE_HISTORY_FILE, []);
 */
export function appendCoverageRecords(file: string, records: readonly CoverageRecord[]): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
}

/**
 * Every coverage record of the history file, oldest first; `[]` when there is none yet.
 *
 * @example
 * readCoverageRecords(COVERAGE_HISTORY_FILE).filter((record) => record.project === 'apps/orders');
 */
export function readCoverageRecords(file: string): CoverageRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CoverageRecord);
}
