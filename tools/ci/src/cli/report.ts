/* make report: the delivery KPIs per service and per team from reports/history (see tools/ci/README.md). */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCliArgs } from '../cli-options';
import { COVERAGE_HISTORY_FILE, readCoverageRecords } from '../coverage-history';
import { computeDeliveryKpis } from '../delivery-kpis';
import { DEPLOY_HISTORY_FILE, readDeployRecords, writeDeployRecords } from '../delivery-history';
import { deployRecordsFromGitHub } from '../github-history';
import { renderReportHtml, renderReportMarkdown, REPORT_DIR, serviceOwners } from '../delivery-report';
import { UsageError } from '../errors';
import { runCli } from '../run-cli';

const HELP = `Usage: npx tsx tools/ci/src/cli/report.ts [options]

Reads the deploy records (${DEPLOY_HISTORY_FILE}) and the coverage records
(${COVERAGE_HISTORY_FILE}) and writes, per service and per owning team (custom.owner of each
apps/<service>/serverless.yml): deployment frequency, lead time, change failure rate, time to
restore and the coverage trend, to <out>/report.md and <out>/report.html (charts inlined).

Options:
  --deploys <file>    deploy records (default ${DEPLOY_HISTORY_FILE})
  --coverage <file>   coverage records (default ${COVERAGE_HISTORY_FILE})
  --out <dir>         where to write (default ${REPORT_DIR})
  --stage <stage>     the stage measured (default prod; when the history has no prod deploy, as
                      after a local make ci, the stage it deployed last, said on stderr)
  --from-github       read the deploy records from the GitHub Actions API instead (the deploy
                      workflow's stage jobs; GITHUB_REPOSITORY, GITHUB_TOKEN with actions: read,
                      GITHUB_API_URL), and write them to the deploy records file
  --summary <file>    append report.md to this file too (a job summary)
  --until <date>      end of the window, ISO 8601 (default now)
  --days <n>          length of the window (default 28)
  -h, --help          print this help

Exit codes: 0 written, 1 failure, 2 bad usage.
`;

void runCli('report', async () => {
  const { values } = parseCliArgs({
    args: process.argv.slice(2),
    options: {
      deploys: { type: 'string' },
      coverage: { type: 'string' },
      out: { type: 'string' },
      stage: { type: 'string' },
      until: { type: 'string' },
      days: { type: 'string' },
      'from-github': { type: 'boolean' },
      summary: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const until = values.until === undefined ? new Date() : new Date(values.until);
  if (Number.isNaN(until.getTime())) throw new UsageError(`--until ${values.until} is not a date`);
  const days = Number(values.days ?? '28');
  if (!Number.isInteger(days) || days < 1)
    throw new UsageError(`--days ${values.days} is not a whole number ≥ 1`);
  const deploysFile = values.deploys ?? DEPLOY_HISTORY_FILE;
  if (values['from-github']) {
    const repository = process.env['GITHUB_REPOSITORY'] ?? '';
    const token = process.env['GITHUB_TOKEN'] ?? '';
    if (repository === '' || token === '') {
      throw new UsageError('--from-github needs GITHUB_REPOSITORY and GITHUB_TOKEN (actions: read)');
    }
    const records = await deployRecordsFromGitHub({
      repository,
      token,
      ...(process.env['GITHUB_API_URL'] ? { apiUrl: process.env['GITHUB_API_URL'] } : {}),
      since: new Date(until.getTime() - days * 86_400_000),
    });
    writeDeployRecords(deploysFile, records);
    process.stderr.write(
      `report: ${records.length} deploy record(s) from the GitHub Actions API of ${repository}\n`,
    );
  }
  const deploys = readDeployRecords(deploysFile);
  let stage = values.stage ?? 'prod';
  const last = deploys.at(-1);
  if (values.stage === undefined && last && !deploys.some((record) => record.stage === 'prod')) {
    stage = last.stage;
    process.stderr.write(
      `report: no prod deploy in the history: measuring ${stage}, the stage deployed last\n`,
    );
  }
  const report = computeDeliveryKpis({
    deploys,
    coverage: readCoverageRecords(values.coverage ?? COVERAGE_HISTORY_FILE),
    owners: serviceOwners(process.cwd()),
    window: { since: new Date(until.getTime() - days * 86_400_000), until },
    stage,
  });
  const out = values.out ?? REPORT_DIR;
  mkdirSync(out, { recursive: true });
  const markdown = renderReportMarkdown(report);
  writeFileSync(join(out, 'report.md'), markdown);
  if (values.summary) appendFileSync(values.summary, `${markdown}\n`);
  writeFileSync(join(out, 'report.html'), renderReportHtml(report));
  const hours = (value: number | null): string => (value === null ? 'n/a' : `${value} h`);
  for (const k of [...report.services, ...report.teams])
    process.stdout.write(
      `${k.name.padEnd(16)} ${k.deploymentsPerWeek} deploys/week, lead time ${hours(k.leadTimeHours)}, change failure rate ${k.changeFailureRate ?? 'n/a'}, time to restore ${hours(k.timeToRestoreHours)}\n`,
    );
  process.stdout.write(`report: ${join(out, 'report.md')}, ${join(out, 'report.html')}\n`);
  return 0;
});
