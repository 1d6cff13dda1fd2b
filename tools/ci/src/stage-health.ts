import { CloudWatchClient, type CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import type { DeployRecord } from './delivery-history';

/**
 * A CloudWatch client on the service's query protocol, which CloudWatch still answers
 * (`awsQueryCompatible`) and the AWS API emulator understands; the SDK's default JSON protocol is one
 * the pinned emulator does not route.
 *
 * @example
 * const cloudWatch = createCloudWatchClient({ region: 'eu-west-1' });
 */
export function createCloudWatchClient(config: CloudWatchClientConfig = {}): CloudWatchClient {
  return new CloudWatchClient({ protocol: AwsQueryProtocol, ...config });
}

/** Reads the names of a stage's alarms that are in ALARM (metric and composite alarms). */
export interface AlarmStateReader {
  alarmsInAlarm(namePrefix: string): Promise<string[]>;
}

/** The smallest CloudWatch client {@link cloudWatchAlarmReader} needs (`DescribeAlarms`). */
export interface DescribeAlarmsClient {
  send(command: unknown): Promise<{
    MetricAlarms?: { AlarmName?: string; StateValue?: string }[];
    CompositeAlarms?: { AlarmName?: string; StateValue?: string }[];
    NextToken?: string;
  }>;
}

/**
 * An {@link AlarmStateReader} on CloudWatch `DescribeAlarms`: every metric and composite alarm
 * whose name starts with the prefix, filtered to the state ALARM, all pages.
 *
 * @example
 * import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
 *
 * const reader = cloudWatchAlarmReader(createCloudWatchClient(), (input) => new DescribeAlarmsCommand(input));
 * await reader.alarmsInAlarm('orders-prod-'); // ['orders-prod-slo-availability-fast-burn']
 */
export function cloudWatchAlarmReader(
  client: DescribeAlarmsClient,
  describeAlarms: (input: {
    AlarmNamePrefix: string;
    AlarmTypes: ('MetricAlarm' | 'CompositeAlarm')[];
    NextToken?: string;
  }) => unknown,
): AlarmStateReader {
  return {
    async alarmsInAlarm(namePrefix) {
      const names: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          describeAlarms({
            AlarmNamePrefix: namePrefix,
            AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
            ...(token ? { NextToken: token } : {}),
          }),
        );
        for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])])
          if (alarm.StateValue === 'ALARM' && alarm.AlarmName) names.push(alarm.AlarmName);
        token = page.NextToken;
      } while (token);
      return names.sort();
    },
  };
}

/** One service's line of the health table. */
export interface ServiceHealth {
  readonly service: string;
  /** `GET <base URL>/<service>/health`: its status, or why there was none. */
  readonly health: { readonly ok: boolean; readonly detail: string };
  /** The names of the service's alarms in ALARM (`<service>-<stage>-…`); must be none. */
  readonly alarmsInAlarm: readonly string[];
  /** The last deploy of the service to the stage in the deploy history, if any. */
  readonly lastDeploy: Pick<DeployRecord, 'status' | 'sha' | 'finishedAt'> | undefined;
  readonly ok: boolean;
}

async function probeHealth(url: string, timeoutMs: number): Promise<ServiceHealth['health']> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return { ok: response.status === 200, detail: String(response.status) };
  } catch (error) {
    return { ok: false, detail: `no answer (${(error as Error).name})` };
  }
}

/**
 * The health of every service of a stage: its health route answers 200, none of its alarms
 * (named `<service>-<stage>-…`, as CloudFormation names those of the `<service>-<stage>` stack and
 * the platform names the SLO alarms) is in ALARM, and its last recorded deploy did not fail.
 *
 * @example
 * declare const alarms: AlarmStateReader;
 * const rows = await checkStageHealth({
 *   stage: 'prod',
 *   services: ['catalog', 'orders'],
 *   baseUrl: 'https://api.example.org',
 *   alarms,
 *   deploys: [],
 * });
 * rows.every((row) => row.ok);
 */
export async function checkStageHealth(input: {
  stage: string;
  services: readonly string[];
  baseUrl: string;
  alarms: AlarmStateReader;
  deploys: readonly DeployRecord[];
  timeoutMs?: number;
}): Promise<ServiceHealth[]> {
  const base = input.baseUrl.replace(/\/+$/, '');
  return Promise.all(
    input.services.map(async (service) => {
      const [health, alarmsInAlarm] = await Promise.all([
        probeHealth(`${base}/${service}/health`, input.timeoutMs ?? 5000),
        input.alarms.alarmsInAlarm(`${service}-${input.stage}-`),
      ]);
      const last = input.deploys
        .filter((d) => d.service === service && d.stage === input.stage)
        .sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt))
        .at(-1);
      const lastDeploy = last && { status: last.status, sha: last.sha, finishedAt: last.finishedAt };
      return {
        service,
        health,
        alarmsInAlarm,
        lastDeploy,
        ok: health.ok && alarmsInAlarm.length === 0 && lastDeploy?.status !== 'failed',
      };
    }),
  );
}

/**
 * The health rows as one Markdown table, then one line: `health <stage>: N of M services healthy`.
 *
 * @example
 * declare const rows: ServiceHealth[];
 * process.stdout.write(formatHealthTable('prod', rows));
 */
export function formatHealthTable(stage: string, rows: readonly ServiceHealth[]): string {
  const deploy = (row: ServiceHealth): string =>
    row.lastDeploy
      ? `${row.lastDeploy.status} ${row.lastDeploy.sha.slice(0, 8)} at ${row.lastDeploy.finishedAt}`
      : 'none recorded';
  const lines = [
    '| service | health route | alarms in ALARM | last deploy | ok |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.service} | ${row.health.detail} | ${row.alarmsInAlarm.length}${row.alarmsInAlarm.length > 0 ? ` (${row.alarmsInAlarm.join(', ')})` : ''} | ${deploy(row)} | ${row.ok ? 'yes' : 'NO'} |`,
    ),
    '',
    `health ${stage}: ${rows.filter((row) => row.ok).length} of ${rows.length} services healthy`,
  ];
  return `${lines.join('\n')}\n`;
}
