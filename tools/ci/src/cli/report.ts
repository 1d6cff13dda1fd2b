/* make report: the delivery KPIs per service and per team from reports/history (see tools/ci/README.md). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCliArgs } from '../cli-options';
import { COVERAGE_HISTORY_FILE, readCoverageRecords } from '../coverage-history';
import { computeDeliveryKpis } from '../delivery-kpis';
import { DEPLOY_HISTORY_FILE, readDeployRecords } from '../delivery-history';
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
  const deploys = readDeployRecords(values.deploys ?? DEPLOY_HISTORY_FILE);
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
  writeFileSync(join(out, 'report.md'), renderReportMarkdown(report));
  writeFileSync(join(out, 'report.html'), renderReportHtml(report));
  const hours = (value: number | null): string => (value === null ? 'n/a' : `${value} h`);
  for (const k of [...report.services, ...report.teams])
    process.stdout.write(
      `${k.name.padEnd(16)} ${k.deploymentsPerWeek} deploys/week, lead time ${hours(k.leadTimeHours)}, change failure rate ${k.changeFailureRate ?? 'n/a'}, time to restore ${hours(k.timeToRestoreHours)}\n`,
    );
  process.stdout.write(`report: ${join(out, 'report.md')}, ${join(out, 'report.html')}\n`);
  return 0;
});
