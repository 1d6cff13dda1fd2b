/* Prints `tests: N passed, N failed`, summed over every JUnit report under the given folders
 * (default: reports/junit).
 *
 *   --label TEXT         print `TEXT: N passed, N failed` instead (for summaries that are not CI's line)
 *   --failed-stage NAME  a pipeline stage failed outside the test runner: when no test failed, count
 *                        it as one failure so the line never reports a failed run as green
 *   --nx-run FILE        the run Nx recorded (<cacheDirectory>/run.json): print, on a line of its own
 *                        under the counted one, how many results Nx replayed from its cache
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { summarizeJUnitDirectory, summaryLine } from '../junit-summary';
import { cacheLine, nxCacheReport } from '../nx-cache-report';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { label: { type: 'string' }, 'failed-stage': { type: 'string' }, 'nx-run': { type: 'string' } },
});
const totals = { passed: 0, failed: 0 };
const dirs = positionals.length > 0 ? positionals : ['reports/junit'];
for (const dir of dirs) {
  const counts = summarizeJUnitDirectory(resolve(dir));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
}
if (values['failed-stage'] && totals.failed === 0) {
  totals.failed = 1;
  console.error(`stage "${values['failed-stage']}" failed without a failing test: counted as one failure`);
}
const line = summaryLine(totals);
console.log(values.label ? line.replace(/^tests:/, `${values.label}:`) : line);
const nxRun = values['nx-run'];
if (nxRun !== undefined && existsSync(nxRun)) {
  const run: unknown = JSON.parse(readFileSync(nxRun, 'utf8'));
  const reports = dirs.map((dir) => nxCacheReport(run, resolve(dir)));
  console.log(
    cacheLine({
      tasks: reports[0]?.tasks ?? { cached: 0, total: 0 },
      testResults: reports.reduce((sum, report) => sum + report.testResults, 0),
    }),
  );
}
