import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { startAwsEmulator, type AwsEmulator } from '@platform/testing';
import { emulatorCloudWatch, putAlarm } from './support/emulator-cloudwatch';
import { alarmWiring, type DrillCloudWatch, formatDrill, runAlarmDrill } from '../src/alarm-drill';

const ALARM = 'orders-staging-slo-availability-fast-5m';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alarms-staging';

/** A packaged template's shape around one SLO alarm: wired (composite + deployment group) or not. */
function template(wired: boolean): string {
  const resources: Record<string, unknown> = {
    FastShortAlarm: { Type: 'AWS::CloudWatch::Alarm', Properties: { AlarmName: ALARM } },
  };
  if (wired) {
    resources['FastBurn'] = {
      Type: 'AWS::CloudWatch::CompositeAlarm',
      Properties: {
        AlarmName: 'orders-staging-slo-availability-fast-burn',
        AlarmRule: `ALARM("orders-staging-slo-availability-fast-1h") AND ALARM("${ALARM}")`,
        AlarmActions: [TOPIC],
      },
    };
    resources['PlaceOrderLambdaFunctionDeploymentGroup'] = {
      Type: 'AWS::CodeDeploy::DeploymentGroup',
      Properties: {
        AlarmConfiguration: { Alarms: [{ Name: 'other' }, { Name: { Ref: 'FastShortAlarm' } }] },
      },
    };
  }
  const file = join(mkdtempSync(join(tmpdir(), 'drill-')), 'template.json');
  writeFileSync(file, JSON.stringify({ Resources: resources }));
  return file;
}

describe('alarmWiring (the packaged template)', () => {
  it('finds the composite alarms that name the alarm, with their actions, and the deployment groups that list it (by Ref)', () => {
    expect(alarmWiring(template(true), ALARM)).toEqual({
      alarm: ALARM,
      composites: [{ name: 'orders-staging-slo-availability-fast-burn', actions: [TOPIC] }],
      rollbacks: ['PlaceOrderLambdaFunctionDeploymentGroup'],
    });
    expect(alarmWiring(template(false), ALARM)).toEqual({ alarm: ALARM, composites: [], rollbacks: [] });
  });
});

describe('runAlarmDrill against the AWS API emulator', () => {
  let aws: AwsEmulator;
  let client: CloudWatchClient;
  let cloudWatch: DrillCloudWatch;
  const seen: string[] = [];

  beforeAll(async () => {
    aws = await startAwsEmulator();
    client = emulatorCloudWatch(aws);
    await putAlarm(client, ALARM);
    cloudWatch = {
      async stateOf(name) {
        const page = await client.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
        return page.MetricAlarms?.[0]?.StateValue;
      },
      async setState(name, state, reason) {
        seen.push(state);
        await client.send(
          new SetAlarmStateCommand({ AlarmName: name, StateValue: state, StateReason: reason }),
        );
      },
    };
  }, 120_000);

  afterAll(async () => {
    client?.destroy();
    await aws?.stop();
  });

  it('passes every check for a wired alarm: it reads ALARM when set, pages, rolls back, and ends OK', async () => {
    seen.length = 0;
    const checks = await runAlarmDrill(cloudWatch, alarmWiring(template(true), ALARM));
    expect(checks.map((check) => [check.check, check.ok])).toEqual([
      ['the alarm exists', true],
      ['set to ALARM, it reads ALARM', true],
      ['set back to OK', true],
      ['it pages: a composite alarm with an action names it', true],
      ['it rolls a canary back: a deployment group lists it', true],
    ]);
    expect(seen).toEqual(['ALARM', 'OK']);
    expect(await cloudWatch.stateOf(ALARM)).toBe('OK');
    expect(formatDrill(checks)).toContain(`orders-staging-slo-availability-fast-burn → ${TOPIC}`);
  });

  it('fails the wiring checks when nothing pages or rolls back on the alarm', async () => {
    const checks = await runAlarmDrill(cloudWatch, alarmWiring(template(false), ALARM));
    expect(checks.filter((check) => !check.ok).map((check) => check.check)).toEqual([
      'it pages: a composite alarm with an action names it',
      'it rolls a canary back: a deployment group lists it',
    ]);
    expect(formatDrill(checks)).toMatch(/^FAIL {2}it pages/m);
  });

  it('fails, and sets nothing, when the alarm does not exist in CloudWatch', async () => {
    seen.length = 0;
    const checks = await runAlarmDrill(cloudWatch, alarmWiring(template(true), 'orders-staging-nope'));
    expect(checks[0]).toEqual({
      check: 'the alarm exists',
      ok: false,
      detail: 'no alarm orders-staging-nope in CloudWatch',
    });
    expect(seen).toEqual([]);
  });
});
