/* Prints `tests: N passed, N failed`, summed over every JUnit report under the given folders
 * (default: reports/junit).
 *
 *   --label TEXT         print `TEXT: N passed, N failed` instead (for summaries that are not CI's line)
 *   --failed-stage NAME  a pipeline stage failed outside the test runner: when no test failed, count
 *                        it as one failure so the line never reports a failed run as green
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { summarizeJUnitDirectory, summaryLine } from '../junit-summary';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { label: { type: 'string' }, 'failed-stage': { type: 'string' } },
});
const totals = { passed: 0, failed: 0 };
for (const dir of positionals.length > 0 ? positionals : ['reports/junit']) {
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
