const { execFileSync, spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { checkDashboard } = require('./support/dashboard-references');

const workspaceRoot = join(__dirname, '../../..');
const SERVICES = ['catalog', 'inventory', 'orders'];

describe('serverless package of every service (real osls): SLO alarms and dashboard', () => {
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
      if (/ALARM_TOPIC_ARN$|LOG_DESTINATION_ARN$|^STAGE_CONFIG_FILE$/.test(name)) delete base[name];
    return { ...base, ...extra };
  };
  const templates = {};
  beforeAll(() => {
    for (const service of SERVICES) {
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

  it.each(SERVICES)(
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

  it.each(SERVICES)(
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

  it.each(SERVICES)(
    '%s: one dashboard, valid JSON, every metric and alarm it shows exists in the template',
    (service) => {
      const t = templates[service].json;
      expect(Object.values(t.Resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard')).toHaveLength(
        1,
      );
      const { problems, body } = checkDashboard(t);
      expect(problems).toEqual([]);
      const titles = body.widgets.map((w) => w.properties.title).join('\n');
      for (const expected of [
        /^Requests and errors/m,
        /^Latency GET \/health \(p50, p99\)$/m,
        /^Function errors$/m,
        /^Function throttles$/m,
        /^Cold starts/m,
        new RegExp(`^DynamoDB ${service}-staging: consumed capacity$`, 'm'),
        new RegExp(`^DynamoDB ${service}-staging: throttle events$`, 'm'),
        /^SLO burn-rate alarms/m,
      ])
        expect(titles).toMatch(expected);
      const routes = Object.values(t.Resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
      expect(body.widgets.filter((w) => w.properties.title.startsWith('Latency '))).toHaveLength(
        routes.length,
      );
    },
  );

  it.each(SERVICES)(
    "%s: every log group forwards every event to the stage's central destination",
    (service) => {
      const resources = templates[service].json.Resources;
      const logGroups = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::Logs::LogGroup');
      const filters = Object.values(resources).filter((r) => r.Type === 'AWS::Logs::SubscriptionFilter');
      expect(logGroups.length).toBeGreaterThan(1);
      expect(filters.map((f) => f.Properties.LogGroupName.Ref).sort()).toEqual(logGroups.sort());
      for (const filter of filters)
        expect(filter.Properties).toMatchObject({
          DestinationArn: 'arn:aws:logs:eu-west-1:123456789012:destination:serverless-factory-staging-logs',
          FilterPattern: '',
        });
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

  it.each(['ALARM_TOPIC_ARN', 'LOG_DESTINATION_ARN'])(
    'fails `serverless package --stage prod` without %s, naming it and where to set it',
    (variable) => {
      const config = join(mkdtempSync(join(tmpdir(), 'stages-')), 'stages.env');
      const stages = readFileSync(join(workspaceRoot, '.ci/stages.env'), 'utf8');
      writeFileSync(config, stages.replace(new RegExp(`^.*${variable}=.*$`, 'gm'), ''));
      const dir = mkdtempSync(join(tmpdir(), 'package-'));
      dirs.push(dir);
      const result = spawnSync(
        process.execPath,
        [serverless, 'package', '--stage', 'prod', '--package', dir],
        {
          cwd: join(workspaceRoot, 'apps/catalog'),
          env: env({ STAGE_CONFIG_FILE: config }),
          encoding: 'utf8',
        },
      );
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toContain(
        `${variable} is not set for stage "prod" (only "local" has a default): set PROD_${variable} or ${variable}.`,
      );
    },
    60_000,
  );
});
