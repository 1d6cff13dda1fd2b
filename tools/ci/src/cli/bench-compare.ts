/* After make bench: every figure of reports/bench/*.json beside the previous run's, into
 * reports/bench/summary.md (and printed). Usage: bench-compare.ts [dir]. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchSummaryMarkdown, compareBenchReports } from '../bench-compare';

const dir = process.argv[2] ?? 'reports/bench';
const changes = compareBenchReports(dir, /(median|p50|p95|p99|bytes|ratio|Ms|ms|rss|mb|perSecond)/i);
const markdown = benchSummaryMarkdown(changes);
writeFileSync(join(dir, 'summary.md'), markdown);
const compared = changes.filter((change) => change.previous !== undefined).length;
console.log(
  `bench: ${changes.length} figures, ${compared} compared with the previous run → ${join(dir, 'summary.md')}`,
);
