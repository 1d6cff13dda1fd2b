const { execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const CanaryDeployments = require('serverless-plugin-canary-deployments');
const { addCanaryAlarms } = require('../src/deployment-settings');
const { restrictCodeDeployRole } = require('../src/conventions');

const workspaceRoot = join(__dirname, '../../..');

describe('serverless-plugin-canary-deployments patch (patches/, ADR-006)', () => {
  it('finds no authorizer for a function behind an HTTP API JWT authorizer, instead of crashing', () => {
    const template = {
      Resources: {
        HttpApiAuthorizerJwt: {
          Type: 'AWS::ApiGatewayV2::Authorizer',
          Properties: {
            AuthorizerType: 'JWT',
            JwtConfiguration: { Issuer: 'https://issuer/', Audience: ['a'] },
          },
        },
      },
    };
    const plugin = Object.create(CanaryDeployments.prototype);
    Object.defineProperty(plugin, 'compiledTpl', { get: () => template });
    expect(plugin.getApiGatewayV2AuthorizersFor('HealthLambdaFunction')).toEqual({});
  });
});

describe('addCanaryAlarms', () => {
  it("gives each function its own alarms as deployment alarms, keeping a function's own", () => {
    const functions = {
      health: {},
      reserve: { deploymentSettings: { alarms: ['Mine'] } },
      put: { deploymentSettings: { type: 'Linear' } },
    };
    const service = { getAllFunctions: () => Object.keys(functions), getFunction: (name) => functions[name] };
    const changed = addCanaryAlarms(
      service,
      (name) => `${name[0].toUpperCase()}${name.slice(1)}LambdaFunction`,
    );
    expect(changed).toEqual(['health', 'put']);
    expect(functions.health.deploymentSettings.alarms).toEqual([
      'HealthLambdaFunctionErrorsAlarm',
      'HealthLambdaFunctionThrottlesAlarm',
      'HealthLambdaFunctionDurationP99Alarm',
    ]);
    expect(functions.put.deploymentSettings.type).toBe('Linear');
    expect(functions.reserve.deploymentSettings.alarms).toEqual(['Mine']);
  });
});

describe('restrictCodeDeployRole', () => {
  it('replaces the managed policies with alias and alarm actions scoped to the service', () => {
    const template = {
      Resources: {
        CodeDeployServiceRole: {
          Type: 'AWS::IAM::Role',
          Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AWSLambda_FullAccess'] },
        },
      },
    };
    expect(restrictCodeDeployRole(template, { service: 'inventory', stage: 'prod' })).toBe(true);
    const role = template.Resources.CodeDeployServiceRole.Properties;
    expect(role.ManagedPolicyArns).toBeUndefined();
    const statements = role.Policies[0].PolicyDocument.Statement;
    expect(statements.flatMap((s) => s.Action).sort()).toEqual([
      'cloudwatch:DescribeAlarms',
      'lambda:GetAlias',
      'lambda:GetProvisionedConcurrencyConfig',
      'lambda:UpdateAlias',
    ]);
    expect(JSON.stringify(statements)).toContain('function:inventory-prod-*');
    expect(restrictCodeDeployRole({ Resources: {} }, { service: 'x', stage: 'y' })).toBe(false);
  });
});

describe('serverless package with the platform plugins (real osls)', () => {
  let dir;
  let template;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'package-inventory-'));
    execFileSync(
      process.execPath,
      [
        join(workspaceRoot, 'node_modules/serverless/bin/serverless.js'),
        'package',
        '--stage',
        'prod',
        '--package',
        dir,
      ],
      {
        cwd: join(workspaceRoot, 'apps/inventory'),
        env: {
          ...process.env,
          AWS_REGION: 'eu-west-1',
          STAGE_CONFIG_FILE: join(workspaceRoot, '.ci/stages.env'),
          SLS_TELEMETRY_DISABLED: '1',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
        stdio: 'pipe',
      },
    );
    template = JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const ofType = (type) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

  it("shifts every function through a Live alias with a CodeDeploy group gated by its alarms and the fast burn's", () => {
    const functions = ofType('AWS::Lambda::Function');
    const groups = ofType('AWS::CodeDeploy::DeploymentGroup');
    expect(ofType('AWS::Lambda::Alias')).toHaveLength(functions.length);
    expect(groups).toHaveLength(functions.length);
    for (const [, group] of groups) {
      const alarms = group.Properties.AlarmConfiguration.Alarms.map((a) => a.Name.Ref);
      expect(alarms).toHaveLength(6);
      for (const alarm of alarms) expect(template.Resources[alarm]?.Type).toBe('AWS::CloudWatch::Alarm');
    }
  });

  it('gives every function its own role and no role a managed policy', () => {
    const roles = new Set(
      ofType('AWS::Lambda::Function').map(([, fn]) => fn.Properties.Role['Fn::GetAtt'][0]),
    );
    expect(roles.size).toBe(ofType('AWS::Lambda::Function').length);
    for (const [, role] of ofType('AWS::IAM::Role'))
      expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
  });

  it('records the platform metadata the policy checker reads', () => {
    expect(template.Metadata.Platform).toMatchObject({
      service: 'inventory',
      stage: 'prod',
      source: 'apps/inventory/serverless.yml',
    });
  });
});
