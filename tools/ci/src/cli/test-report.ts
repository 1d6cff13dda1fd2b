/* After make test: one row per project (tests, line coverage) and one combined coverage report
 * (coverage/combined/index.html). Usage: test-report.ts [junit dir] [coverage dir]. */
import { join } from 'node:path';
import { combineCoverage, formatProjectTable, projectRows } from '../test-report';

const [junitDir = 'reports/junit', coverageRoot = 'coverage'] = process.argv.slice(2);
const rows = projectRows(junitDir, coverageRoot);
if (rows.length > 0) console.log(formatProjectTable(rows));
const combined = combineCoverage(coverageRoot, join(coverageRoot, 'combined'));
if (combined) {
  console.log(
    `combined line coverage: ${combined.pct.toFixed(1)} % (${combined.covered} of ${combined.total} lines) → ${join(coverageRoot, 'combined', 'index.html')}`,
  );
}
