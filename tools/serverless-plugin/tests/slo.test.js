const { BURN_RATES, SLOS, addSloAlarms, fastBurnCanaryAlarmIds, httpApiRoutes } = require('../src/slo');
const { addCanaryAlarms } = require('../src/deployment-settings');

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:alarms';

function template(routeKeys = ['GET /health', 'GET /products/{sku}', 'PUT /products/{sku}']) {
  const resources = { HttpApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: {} } };
  routeKeys.forEach((RouteKey, i) => {
    resources[`Route${i}`] = { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey } };
  });
  return { Resources: resources };
}

const ofType = (t, type) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);

describe('the SLOs (ADR-014)', () => {
  it('are 99.9 % availability, reads within 300 ms and writes within 1000 ms for 99 % of requests', () => {
    expect(SLOS).toEqual({
      availability: 0.999,
      latency: { read: { thresholdMs: 300, target: 0.99 }, write: { thresholdMs: 1000, target: 0.99 } },
    });
    expect(BURN_RATES).toEqual([
      { key: 'Fast', name: 'fast', burnRate: 14.4, long: 3600, short: 300 },
      { key: 'Slow', name: 'slow', burnRate: 6, long: 21600, short: 1800 },
    ]);
  });
});

describe('httpApiRoutes', () => {
  it('classes GET and HEAD routes as reads and every other method as writes', () => {
    expect(httpApiRoutes(template(['GET /a', 'HEAD /b', 'POST /', 'DELETE /c/{id}', '$default']))).toEqual([
      { method: 'GET', path: '/a', routeClass: 'read' },
      { method: 'HEAD', path: '/b', routeClass: 'read' },
      { method: 'POST', path: '/', routeClass: 'write' },
      { method: 'DELETE', path: '/c/{id}', routeClass: 'write' },
    ]);
  });
});

describe('addSloAlarms', () => {
  it('adds, per objective and burn rate, a long and a short window alarm and their AND as a composite', () => {
    const t = template();
    const added = addSloAlarms(t, { service: 'catalog', stage: 'prod', topicArn: TOPIC });
    expect(added).toHaveLength(18);
    expect(ofType(t, 'AWS::CloudWatch::Alarm')).toHaveLength(12);
    const composites = ofType(t, 'AWS::CloudWatch::CompositeAlarm');
    expect(composites).toHaveLength(6);
    const fast = t.Resources.SloAvailabilityFastBurnAlarm;
    expect(fast.Properties.AlarmRule).toBe(
      'ALARM("catalog-prod-slo-availability-fast-1h") AND ALARM("catalog-prod-slo-availability-fast-5m")',
    );
    expect(fast.DependsOn).toEqual([
      'SloAvailabilityFastBurnLongWindowAlarm',
      'SloAvailabilityFastBurnShortWindowAlarm',
    ]);
    for (const [, composite] of composites) {
      expect(composite.Properties.AlarmActions).toEqual([TOPIC]);
      for (const name of composite.Properties.AlarmRule.match(/"[^"]+"/g))
        expect(
          ofType(t, 'AWS::CloudWatch::Alarm').some(([, a]) => `"${a.Properties.AlarmName}"` === name),
        ).toBe(true);
    }
  });

  it('sets the thresholds to the burn rate times the error budget, over windows of 1 h/5 m and 6 h/30 m', () => {
    const t = template();
    addSloAlarms(t, { service: 'catalog', stage: 'prod', topicArn: TOPIC });
    const props = (id) => t.Resources[id].Properties;
    const period = (id) => props(id).Metrics.find((m) => m.MetricStat).MetricStat.Period;
    expect(props('SloAvailabilityFastBurnLongWindowAlarm').Threshold).toBe(0.0144);
    expect(props('SloAvailabilitySlowBurnShortWindowAlarm').Threshold).toBe(0.006);
    expect(props('SloLatencyReadFastBurnShortWindowAlarm').Threshold).toBe(0.144);
    expect(props('SloLatencyWriteSlowBurnLongWindowAlarm').Threshold).toBe(0.06);
    expect(
      [
        'SloAvailabilityFastBurnLongWindowAlarm',
        'SloAvailabilityFastBurnShortWindowAlarm',
        'SloAvailabilitySlowBurnLongWindowAlarm',
        'SloAvailabilitySlowBurnShortWindowAlarm',
      ].map(period),
    ).toEqual([3600, 300, 21600, 1800]);
    for (const [, alarm] of ofType(t, 'AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties.AlarmActions).toBeUndefined();
      expect(alarm.Properties.Metrics.filter((m) => m.ReturnData)).toHaveLength(1);
    }
  });

  it("measures availability on the stage's 5xx and Count, and latency per route with the class's threshold", () => {
    const t = template();
    addSloAlarms(t, { service: 'catalog', stage: 'prod', topicArn: TOPIC });
    const availability = t.Resources.SloAvailabilityFastBurnShortWindowAlarm.Properties.Metrics;
    expect(availability.filter((m) => m.MetricStat).map((m) => m.MetricStat.Metric.MetricName)).toEqual([
      '5xx',
      'Count',
    ]);
    expect(availability[0].MetricStat.Metric.Dimensions).toEqual([
      { Name: 'ApiId', Value: { Ref: 'HttpApi' } },
      { Name: 'Stage', Value: '$default' },
    ]);
    const reads = t.Resources.SloLatencyReadFastBurnShortWindowAlarm.Properties.Metrics.filter(
      (m) => m.MetricStat,
    );
    expect(reads.map((m) => m.MetricStat.Stat)).toEqual([
      'SampleCount',
      'PR(:300)',
      'SampleCount',
      'PR(:300)',
    ]);
    expect(reads[2].MetricStat.Metric.Dimensions).toContainEqual({
      Name: 'Resource',
      Value: '/products/{sku}',
    });
    const writes = t.Resources.SloLatencyWriteFastBurnShortWindowAlarm.Properties.Metrics;
    expect(writes.filter((m) => m.MetricStat).map((m) => m.MetricStat.Stat)).toEqual([
      'SampleCount',
      'PR(:1000)',
    ]);
    expect(writes.find((m) => m.Id === 'ratio').Expression).toBe('IF(total > 0, slow / total, 0)');
  });

  it('adds no latency objective for a class without routes, and nothing without an HTTP API', () => {
    const reads = template(['GET /a']);
    expect(addSloAlarms(reads, { service: 's', stage: 'dev', topicArn: TOPIC })).toHaveLength(12);
    expect(reads.Resources.SloLatencyWriteFastBurnAlarm).toBeUndefined();
    expect(addSloAlarms({ Resources: {} }, { service: 's', stage: 'dev', topicArn: undefined })).toEqual([]);
  });

  it('refuses a missing or malformed topic, naming ALARM_TOPIC_ARN', () => {
    for (const topicArn of [undefined, '', 'arn:aws:sqs:eu-west-1:123456789012:q'])
      expect(() => addSloAlarms(template(), { service: 's', stage: 'prod', topicArn })).toThrow(
        /not an SNS topic ARN: set ALARM_TOPIC_ARN for the stage \(<STAGE>_ALARM_TOPIC_ARN/,
      );
  });
});

describe('the canary deployment alarms', () => {
  it("add the fast burn's short-window alarms of the classes the service's routes have", () => {
    expect(fastBurnCanaryAlarmIds({ hasReads: true, hasWrites: false })).toEqual([
      'SloAvailabilityFastBurnShortWindowAlarm',
      'SloLatencyReadFastBurnShortWindowAlarm',
    ]);
    const functions = {
      get: { events: [{ httpApi: { method: 'get', path: '/x' } }] },
      put: { events: [{ httpApi: 'PUT /x' }] },
      worker: { events: [] },
    };
    const service = { getAllFunctions: () => Object.keys(functions), getFunction: (name) => functions[name] };
    addCanaryAlarms(service, (name) => name);
    expect(functions.worker.deploymentSettings.alarms).toEqual([
      'workerErrorsAlarm',
      'workerThrottlesAlarm',
      'workerDurationP99Alarm',
      'SloAvailabilityFastBurnShortWindowAlarm',
      'SloLatencyReadFastBurnShortWindowAlarm',
      'SloLatencyWriteFastBurnShortWindowAlarm',
    ]);
  });
});
