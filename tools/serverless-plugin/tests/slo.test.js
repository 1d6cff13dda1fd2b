const { execFileSync, spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { BURN_RATES, SLOS, addSloAlarms, fastBurnCanaryAlarmIds, httpApiRoutes } = require('../src/slo');
const { addCanaryAlarms } = require('../src/deployment-settings');

const workspaceRoot = join(__dirname, '../../..');
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

describe('serverless package of every service (real osls): the SLO alarms', () => {
  const serverless = join(workspaceRoot, 'node_modules/serverless/bin/serverless.js');
  const dirs = [];
  const env = (extra) => {
    const base = {
      ...process.env,
      AWS_REGION: 'eu-west-1',
      SLS_TELEMETRY_DISABLED: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    for (const name of Object.keys(base))
      if (/ALARM_TOPIC_ARN$|^STAGE_CONFIG_FILE$/.test(name)) delete base[name];
    return { ...base, ...extra };
  };
  const templates = {};
  beforeAll(() => {
    for (const service of ['catalog', 'inventory', 'orders']) {
      const dir = mkdtempSync(join(tmpdir(), `package-${service}-`));
      dirs.push(dir);
      execFileSync(process.execPath, [serverless, 'package', '--stage', 'staging', '--package', dir], {
        cwd: join(workspaceRoot, 'apps', service),
        env: env({ STAGE_CONFIG_FILE: join(workspaceRoot, '.ci/stages.env') }),
        stdio: 'pipe',
      });
      templates[service] = {
        file: join(dir, 'cloudformation-template-update-stack.json'),
        json: JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')),
      };
    }
  }, 240_000);
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it.each(['catalog', 'inventory', 'orders'])(
    '%s: 12 window alarms and 6 composites that notify the stage topic of .ci/stages.env',
    (service) => {
      const t = templates[service].json;
      const slo = Object.entries(t.Resources).filter(([id]) => id.startsWith('Slo'));
      expect(slo.filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm')).toHaveLength(12);
      const composites = slo.filter(([, r]) => r.Type === 'AWS::CloudWatch::CompositeAlarm');
      expect(composites).toHaveLength(6);
      for (const [, composite] of composites)
        expect(composite.Properties.AlarmActions).toEqual([
          'arn:aws:sns:eu-west-1:123456789012:serverless-factory-staging-alarms',
        ]);
      expect(t.Metadata.Platform.stageConfig.ALARM_TOPIC_ARN).toBe(
        'arn:aws:sns:eu-west-1:123456789012:serverless-factory-staging-alarms',
      );
    },
  );

  it.each(['catalog', 'inventory', 'orders'])(
    "%s: every CodeDeploy group rolls back on the fast burn's short-window alarms",
    (service) => {
      const t = templates[service].json;
      const groups = Object.values(t.Resources).filter((r) => r.Type === 'AWS::CodeDeploy::DeploymentGroup');
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) {
        const names = group.Properties.AlarmConfiguration.Alarms.map((a) => a.Name.Ref);
        expect(names).toEqual(
          expect.arrayContaining([
            'SloAvailabilityFastBurnShortWindowAlarm',
            'SloLatencyReadFastBurnShortWindowAlarm',
            'SloLatencyWriteFastBurnShortWindowAlarm',
          ]),
        );
        for (const name of names) expect(t.Resources[name]?.Type).toBe('AWS::CloudWatch::Alarm');
      }
    },
  );

  it('passes cfn-lint (warnings fail) on every packaged template', () => {
    const result = spawnSync(
      join(workspaceRoot, '.venv/bin/cfn-lint'),
      ['--non-zero-exit-code', 'warning', '--', ...Object.values(templates).map((t) => t.file)],
      { encoding: 'utf8' },
    );
    expect({ status: result.status, out: result.stdout + result.stderr }).toEqual({ status: 0, out: '' });
  });

  it('fails `serverless package --stage prod` without ALARM_TOPIC_ARN, naming it and where to set it', () => {
    const config = join(mkdtempSync(join(tmpdir(), 'stages-')), 'stages.env');
    const stages = readFileSync(join(workspaceRoot, '.ci/stages.env'), 'utf8');
    writeFileSync(config, stages.replace(/^.*ALARM_TOPIC_ARN=.*$/gm, ''));
    const dir = mkdtempSync(join(tmpdir(), 'package-'));
    dirs.push(dir);
    const result = spawnSync(process.execPath, [serverless, 'package', '--stage', 'prod', '--package', dir], {
      cwd: join(workspaceRoot, 'apps/catalog'),
      env: env({ STAGE_CONFIG_FILE: config }),
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(
      'ALARM_TOPIC_ARN is not set for stage "prod" (only "local" has a default): set PROD_ALARM_TOPIC_ARN or ALARM_TOPIC_ARN.',
    );
  }, 60_000);
});
