/* make health STAGE=…: every service's health route, its alarms in ALARM, its last deploy (see tools/ci/README.md). */
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { parseCliArgs, listOption, requiredOption } from '../cli-options';
import { DEPLOY_HISTORY_FILE, readDeployRecords } from '../delivery-history';
import { serviceOwners } from '../delivery-report';
import { CiError, UsageError } from '../errors';
import { runCli } from '../run-cli';
import { stageBaseUrl } from '../stage-base-url';
import {
  checkStageHealth,
  cloudWatchAlarmReader,
  createCloudWatchClient,
  formatHealthTable,
} from '../stage-health';

const HELP = `Usage: npx tsx tools/ci/src/cli/health.ts --stage <stage> [options]

For every service (apps/*/serverless.yml): GET <base URL>/<service>/health must answer 200, none of
its CloudWatch alarms (<service>-<stage>-…, metric and composite) may be in ALARM, and its last
deploy to the stage in the deploy history must not have failed. Prints one table.

Options:
  --stage <stage>      the stage (required)
  --base-url <url>     where the services answer (default BASE_URL, else the SSM parameter
                       /serverless-factory/<stage>/base-url)
  --services <a,b>     only these services
  --deploys <file>     the deploy history (default ${DEPLOY_HISTORY_FILE})
  -h, --help           print this help

Exit codes: 0 every service healthy, 1 a service is not (or AWS cannot be read), 2 bad usage.
`;

void runCli('health', async () => {
  const { values } = parseCliArgs({
    args: process.argv.slice(2),
    options: {
      stage: { type: 'string' },
      'base-url': { type: 'string' },
      services: { type: 'string' },
      deploys: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const stage = requiredOption(values.stage, 'stage');
  const known = Object.keys(serviceOwners(process.cwd()));
  const services = listOption(values.services) ?? known;
  const unknown = services.filter((service) => !known.includes(service));
  if (unknown.length > 0)
    throw new UsageError(`unknown service ${unknown.join(', ')}: the services are ${known.join(', ')}`);
  const baseUrl =
    values['base-url'] ||
    process.env['BASE_URL'] ||
    (await stageBaseUrl(stage, (message, cause) => new CiError(message, { cause })));
  const cloudWatch = createCloudWatchClient();
  try {
    const rows = await checkStageHealth({
      stage,
      services,
      baseUrl,
      alarms: cloudWatchAlarmReader(cloudWatch, (input) => new DescribeAlarmsCommand(input)),
      deploys: readDeployRecords(values.deploys ?? DEPLOY_HISTORY_FILE),
    });
    process.stdout.write(formatHealthTable(stage, rows));
    return rows.every((row) => row.ok) ? 0 : 1;
  } finally {
    cloudWatch.destroy();
  }
});
