import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countJUnit } from './junit-summary';

/** One task of the run Nx records in `<cacheDirectory>/run.json` after every `nx run-many`. */
interface NxRunTask {
  projectName: string;
  target: string;
  cacheStatus: string;
}

/** What of a run Nx replayed from its cache instead of running. */
export interface CacheReport {
  /** Tasks replayed from the cache, of every task of the run. */
  tasks: { cached: number; total: number };
  /** Test cases whose result came from a cached `test` task (read from its JUnit report). */
  testResults: number;
}

function tasksOf(run: unknown): NxRunTask[] {
  if (typeof run !== 'object' || run === null || !Array.isArray((run as { tasks?: unknown }).tasks)) {
    throw new Error('not an Nx run record: no tasks array');
  }
  return (run as { tasks: NxRunTask[] }).tasks;
}

const isCacheHit = (task: NxRunTask): boolean => task.cacheStatus.endsWith('cache-hit');

/**
 * Reads the run Nx recorded (`run.json`: each task's `cacheStatus` is `local-cache-hit`,
 * `remote-cache-hit` or `cache-miss`) and counts what came from the cache; the test results of a
 * cached `test` task are the test cases of its JUnit report, `<junitDir>/<project>.xml`.
 *
 * @example
 * const report = nxCacheReport({ tasks: [{ projectName: 'auth', target: 'test', cacheStatus: 'cache-miss' }] }, 'reports/junit');
 * // { tasks: { cached: 0, total: 1 }, testResults: 0 }
 */
export function nxCacheReport(run: unknown, junitDir: string): CacheReport {
  const tasks = tasksOf(run);
  let testResults = 0;
  for (const task of tasks.filter((candidate) => isCacheHit(candidate) && candidate.target === 'test')) {
    const report = join(junitDir, `${task.projectName}.xml`);
    if (!existsSync(report)) continue;
    const counts = countJUnit(readFileSync(report, 'utf8'));
    testResults += counts.passed + counts.failed;
  }
  return { tasks: { cached: tasks.filter(isCacheHit).length, total: tasks.length }, testResults };
}

/**
 * The line printed under the summary line: `from the Nx cache: N test results (N of N tasks)`.
 *
 * @example
 * cacheLine({ tasks: { cached: 3, total: 48 }, testResults: 120 }); // 'from the Nx cache: 120 test results (3 of 48 tasks)'
 */
export function cacheLine(report: CacheReport): string {
  return `from the Nx cache: ${report.testResults} test results (${report.tasks.cached} of ${report.tasks.total} tasks)`;
}
