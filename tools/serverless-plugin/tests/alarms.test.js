const { addAlarms, DEFAULT_THRESHOLDS } = require('../src/alarms');
const { findWorkspaceRoot, writePlatformMetadata } = require('../src/metadata');

function template() {
  return {
    Resources: {
      ReserveLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { Timeout: 10 } },
      HealthLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: {} },
      HttpApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: {} },
    },
  };
}

describe('addAlarms', () => {
  it('adds errors, throttles and p99 duration alarms per function and a 5xx-rate alarm per API', () => {
    const t = template();
    const added = addAlarms(t, { service: 'inventory', stage: 'prod' });
    expect(added.sort()).toEqual(
      [
        'HealthLambdaFunctionDurationP99Alarm',
        'HealthLambdaFunctionErrorsAlarm',
        'HealthLambdaFunctionThrottlesAlarm',
        'HttpApi5xxRateAlarm',
        'ReserveLambdaFunctionDurationP99Alarm',
        'ReserveLambdaFunctionErrorsAlarm',
        'ReserveLambdaFunctionThrottlesAlarm',
      ].sort(),
    );
    const duration = t.Resources.ReserveLambdaFunctionDurationP99Alarm.Properties;
    expect(duration).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 8000, MetricName: 'Duration' });
    expect(duration.Dimensions).toEqual([{ Name: 'FunctionName', Value: { Ref: 'ReserveLambdaFunction' } }]);
    expect(t.Resources.HealthLambdaFunctionDurationP99Alarm.Properties.Threshold).toBe(4800);
    expect(t.Resources.ReserveLambdaFunctionErrorsAlarm.Properties).toMatchObject({
      Statistic: 'Sum',
      Threshold: DEFAULT_THRESHOLDS.errors,
    });
    const api = t.Resources.HttpApi5xxRateAlarm.Properties;
    expect(api.Threshold).toBe(5);
    expect(api.Metrics.map((m) => m.Id)).toEqual(['errors5xx', 'requests', 'rate']);
    expect(api.AlarmActions).toBeUndefined();
  });

  it('honours thresholds and an alarm topic, and never overwrites an alarm the service declared', () => {
    const t = template();
    t.Resources.HealthLambdaFunctionErrorsAlarm = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: { Threshold: 99 },
    };
    addAlarms(t, {
      service: 's',
      stage: 'dev',
      thresholds: { api5xxPercent: 1, errors: 3 },
      topicArn: 'arn:aws:sns:x',
    });
    expect(t.Resources.HealthLambdaFunctionErrorsAlarm.Properties.Threshold).toBe(99);
    expect(t.Resources.ReserveLambdaFunctionErrorsAlarm.Properties).toMatchObject({
      Threshold: 3,
      AlarmActions: ['arn:aws:sns:x'],
    });
    expect(t.Resources.HttpApi5xxRateAlarm.Properties.Threshold).toBe(1);
  });
});

describe('writePlatformMetadata', () => {
  it('records service, stage, source and empty policy settings', () => {
    const t = {};
    writePlatformMetadata(t, { service: 'x', stage: 'dev' });
    expect(t.Metadata.Platform).toEqual({
      service: 'x',
      stage: 'dev',
      policy: { suppress: [], publicRoutes: [] },
    });
  });

  it('finds no workspace root above the filesystem root', () => {
    expect(findWorkspaceRoot('/')).toBeUndefined();
  });
});
