/* make alarm-drill STAGE=… SERVICE=…: set a service's SLO alarm to ALARM and check what it triggers (tools/ci/README.md). */
import { existsSync } from 'node:fs';
import { DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { alarmWiring, type DrillCloudWatch, formatDrill, runAlarmDrill } from '../alarm-drill';
import { parseCliArgs, requiredOption } from '../cli-options';
import { UsageError } from '../errors';
import { runCli } from '../run-cli';
import { createCloudWatchClient } from '../stage-health';

const HELP = `Usage: npx tsx tools/ci/src/cli/alarm-drill.ts --stage <stage> --service <service> [options]

Drills one alarm of a deployed service: it must exist in CloudWatch; set to ALARM (SetAlarmState) it
must read ALARM; the service's packaged template must wire it to page (a composite burn-rate alarm
with the stage's topic as its action) and to roll a canary back (a CodeDeploy deployment group lists
it). The alarm is set back to OK at the end, whatever happened. Prints one line per check.

Options:
  --stage <stage>       the stage (required)
  --service <service>   the service (required)
  --alarm <name>        the alarm (default <service>-<stage>-slo-availability-fast-5m, the fast
                        burn's short window: what CodeDeploy watches)
  --template <file>     the packaged template (default dist/<service>/<stage>/cloudformation-template-update-stack.json)
  -h, --help            print this help

Exit codes: 0 every check passed, 1 a check failed (or AWS cannot be reached), 2 bad usage.
`;

void runCli('alarm-drill', async () => {
  const { values } = parseCliArgs({
    args: process.argv.slice(2),
    options: {
      stage: { type: 'string' },
      service: { type: 'string' },
      alarm: { type: 'string' },
      template: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const stage = requiredOption(values.stage, 'stage');
  const service = requiredOption(values.service, 'service');
  const template = values.template ?? `dist/${service}/${stage}/cloudformation-template-update-stack.json`;
  if (!existsSync(template)) {
    throw new UsageError(
      `${template} does not exist: run make build STAGE=${stage} SERVICES=${service} first`,
    );
  }
  const alarm = values.alarm ?? `${service}-${stage}-slo-availability-fast-5m`;
  const client = createCloudWatchClient();
  const cloudWatch: DrillCloudWatch = {
    async stateOf(name) {
      const page = await client.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
      return page.MetricAlarms?.[0]?.StateValue;
    },
    async setState(name, state, reason) {
      await client.send(
        new SetAlarmStateCommand({ AlarmName: name, StateValue: state, StateReason: reason }),
      );
    },
  };
  try {
    const checks = await runAlarmDrill(cloudWatch, alarmWiring(template, alarm));
    process.stdout.write(`alarm drill: ${service} in ${stage}, ${alarm}\n${formatDrill(checks)}\n`);
    return checks.every((check) => check.ok) ? 0 : 1;
  } finally {
    client.destroy();
  }
});
