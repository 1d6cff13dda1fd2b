/* Appends this commit's line coverage per project to reports/history/coverage.jsonl (make test). */
import { resolve } from 'node:path';
import { parseCliArgs } from '../cli-options';
import { appendCoverageRecords, COVERAGE_HISTORY_FILE, coverageRecordsFrom } from '../coverage-history';
import { runGit } from '../git';
import { runCli } from '../run-cli';

const HELP = `Usage: npx tsx tools/ci/src/cli/record-coverage.ts [--coverage <dir>] [--history <file>]

Appends one record per project with a coverage-summary.json under <dir> (default coverage) to
<file> (default ${COVERAGE_HISTORY_FILE}): the project, HEAD's sha and committer date, the time,
and the line coverage. make report draws the coverage trend from it.

Exit codes: 0 recorded (or no coverage to record), 1 failure (git, a malformed summary), 2 bad usage.
`;

void runCli('record-coverage', async () => {
  const { values } = parseCliArgs({
    args: process.argv.slice(2),
    options: {
      coverage: { type: 'string' },
      history: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const cwd = process.cwd();
  const [sha, committedAt] = (await runGit(['show', '-s', '--format=%H%n%cI', 'HEAD'], cwd)).stdout
    .trim()
    .split('\n');
  const records = coverageRecordsFrom(
    resolve(values.coverage ?? 'coverage'),
    { sha: sha ?? '', committedAt: committedAt ?? '' },
    new Date(),
  );
  const file = values.history ?? COVERAGE_HISTORY_FILE;
  if (records.length > 0) appendCoverageRecords(file, records);
  process.stdout.write(`coverage: ${records.length} projects recorded in ${file}\n`);
  return 0;
});
