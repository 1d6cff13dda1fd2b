import { type CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import type { AwsEmulator } from '@platform/testing';
import { createCloudWatchClient } from '../../src/stage-health';

/** A CloudWatch client on the AWS API emulator (its query protocol, dummy credentials). */
export function emulatorCloudWatch(aws: AwsEmulator): CloudWatchClient {
  return createCloudWatchClient({
    endpoint: aws.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
  });
}

/** Puts a metric alarm named `name` (on API Gateway 5xx; in state INSUFFICIENT_DATA until set). */
export async function putAlarm(cloudWatch: CloudWatchClient, name: string): Promise<void> {
  await cloudWatch.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  );
}
