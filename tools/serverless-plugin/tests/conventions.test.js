const {
  applyConventions,
  grantTracing,
  isReferenced,
  removeRedundantDependsOn,
  removeUnusedDefaultRole,
  tagResources,
} = require('../src/conventions');
const PlatformPlugin = require('../src');

const tags = { service: 'svc', owner: 'team', env: 'dev', 'cost-center': 'cc-1' };

function template() {
  return {
    Resources: {
      Table: { Type: 'AWS::DynamoDB::Table', Properties: { Tags: [{ Key: 'owner', Value: 'keep-me' }] } },
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: {} },
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
      Permission: { Type: 'AWS::Lambda::Permission', Properties: {} },
      IamRoleLambdaExecution: { Type: 'AWS::IAM::Role', Properties: { Policies: [] } },
      FnRole: { Type: 'AWS::IAM::Role', Properties: {} },
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: { Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] }, TracingConfig: { Mode: 'Active' } },
      },
    },
  };
}

describe('tagResources', () => {
  it('adds missing tags to list- and map-tagged resources and keeps existing values', () => {
    const t = template();
    const changed = tagResources(t, tags);
    expect(changed).toEqual(expect.arrayContaining(['Table', 'Api', 'Logs', 'FnRole', 'Fn']));
    expect(changed).not.toContain('Permission');
    expect(t.Resources.Table.Properties.Tags).toEqual([
      { Key: 'owner', Value: 'keep-me' },
      { Key: 'service', Value: 'svc' },
      { Key: 'env', Value: 'dev' },
      { Key: 'cost-center', Value: 'cc-1' },
    ]);
    expect(t.Resources.Api.Properties.Tags).toEqual(tags);
    expect(t.Resources.Permission.Properties.Tags).toBeUndefined();
    expect(tagResources(t, tags)).toEqual([]);
  });
});

describe('removeUnusedDefaultRole', () => {
  it('removes the shared role when no function uses it', () => {
    const t = template();
    expect(removeUnusedDefaultRole(t)).toBe(true);
    expect(t.Resources.IamRoleLambdaExecution).toBeUndefined();
    expect(removeUnusedDefaultRole(t)).toBe(false);
  });

  it('keeps it while something refers to it', () => {
    for (const reference of [
      { Ref: 'IamRoleLambdaExecution' },
      { 'Fn::GetAtt': 'IamRoleLambdaExecution.Arn' },
      { 'Fn::Sub': '${IamRoleLambdaExecution.Arn}' },
    ]) {
      const t = template();
      t.Resources.Fn.Properties.Role = reference;
      expect(isReferenced(t, 'IamRoleLambdaExecution')).toBe(true);
      expect(removeUnusedDefaultRole(t)).toBe(false);
    }
    const t = template();
    t.Resources.Fn.DependsOn = ['IamRoleLambdaExecution'];
    expect(removeUnusedDefaultRole(t)).toBe(false);
  });
});

describe('grantTracing', () => {
  it('gives a traced function its X-Ray write actions once', () => {
    const t = template();
    expect(grantTracing(t)).toEqual(['FnRole']);
    expect(t.Resources.FnRole.Properties.Policies[0].PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: ['*'] },
    ]);
    expect(grantTracing(t)).toEqual([]);
  });

  it('leaves untraced functions alone', () => {
    const t = template();
    delete t.Resources.Fn.Properties.TracingConfig;
    expect(grantTracing(t)).toEqual([]);
  });
});

describe('removeRedundantDependsOn', () => {
  it('drops the DependsOn entries a Ref, GetAtt or Sub already implies and keeps the others', () => {
    const t = {
      Resources: {
        Role: { Type: 'AWS::IAM::Role', Properties: {} },
        Group: { Type: 'AWS::Logs::LogGroup', Properties: {} },
        Other: { Type: 'AWS::SNS::Topic', Properties: {} },
        Fn: {
          Type: 'AWS::Lambda::Function',
          DependsOn: ['Group', 'Role', 'Other'],
          Properties: {
            Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
            LoggingConfig: { LogGroup: { Ref: 'Group' } },
          },
        },
        Route: {
          Type: 'AWS::ApiGatewayV2::Route',
          DependsOn: 'Fn',
          Properties: { Target: { 'Fn::Sub': 'integrations/${Fn.Arn}' } },
        },
        Untouched: { Type: 'AWS::SNS::Topic', DependsOn: 'Other', Properties: {} },
      },
    };
    expect(removeRedundantDependsOn(t).sort()).toEqual(['Fn', 'Route']);
    expect(t.Resources.Fn.DependsOn).toEqual(['Other']);
    expect(t.Resources.Route.DependsOn).toBeUndefined();
    expect(t.Resources.Untouched.DependsOn).toBe('Other');
  });
});

describe('applyConventions', () => {
  it('refuses tags without owner, env, cost-center and service, saying how to fix it', () => {
    expect(() => applyConventions(template(), { tags: { service: 'x' } })).toThrow(
      /missing owner, env, cost-center.*custom.owner and custom.costCenter/s,
    );
  });
});

describe('PlatformPlugin', () => {
  it('applies the conventions to the compiled template before the state is saved', () => {
    const t = template();
    const verbose = jest.fn();
    const serverless = {
      service: {
        service: 'svc',
        provider: { compiledCloudFormationTemplate: t },
        custom: {
          platform: {
            tags,
            alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:alarms',
            logDestinationArn: 'arn:aws:logs:eu-west-1:123456789012:destination:logs',
          },
          policy: { suppress: [{ id: 'SFP-X-001', reason: 'because' }] },
        },
      },
      serviceDir: require('node:path').join(__dirname, '../../../apps/catalog'),
      configurationFilename: 'serverless.yml',
      getProvider: () => ({ getStage: () => 'prod' }),
      classes: { Error },
    };
    const plugin = new PlatformPlugin(serverless, {}, { log: { verbose } });
    plugin.hooks['before:aws:package:finalize:saveServiceState']();
    expect(t.Resources.IamRoleLambdaExecution).toBeUndefined();
    expect(t.Resources.Logs.Properties.Tags).toHaveLength(4);
    expect(t.Resources.FnErrorsAlarm.Properties.Tags).toHaveLength(4);
    expect(t.Metadata.Platform).toEqual({
      service: 'svc',
      stage: 'prod',
      source: 'apps/catalog/serverless.yml',
      policy: { suppress: [{ id: 'SFP-X-001', reason: 'because' }], publicRoutes: [] },
    });
    expect(verbose).toHaveBeenCalledWith(
      expect.stringMatching(
        /4 alarms, 6 SLO alarms, a dashboard of 2 widgets, 1 log subscriptions, tagged \d+ resources/,
      ),
    );
  });
});

describe('PlatformPlugin, before serverless deploy updates the stack', () => {
  class AwsDeploy {}
  const provider = {
    getAwsSdkV3Config: async () => ({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    }),
  };
  const serverlessWith = (plugins) => ({
    classes: { Error },
    service: { service: 'svc' },
    pluginManager: { plugins },
    getProvider: () => provider,
  });
  const saved = process.env.PLATFORM_CHANGE_SET_FILE;
  afterEach(() => {
    if (saved === undefined) delete process.env.PLATFORM_CHANGE_SET_FILE;
    else process.env.PLATFORM_CHANGE_SET_FILE = saved;
  });

  it('leaves the framework its own client when no evidence file is asked for', async () => {
    delete process.env.PLATFORM_CHANGE_SET_FILE;
    const deployer = new AwsDeploy();
    await new PlatformPlugin(serverlessWith([deployer]), {}).hooks['before:aws:deploy:deploy:updateStack']();
    expect(deployer.cloudFormationClientPromise).toBeUndefined();
  });

  it("gives the framework's deploy step a client that saves the change set before executing it", async () => {
    process.env.PLATFORM_CHANGE_SET_FILE = '/tmp/change-set.json';
    const deployer = new AwsDeploy();
    await new PlatformPlugin(serverlessWith([{}, deployer]), {}).hooks[
      'before:aws:deploy:deploy:updateStack'
    ]();
    const client = await deployer.cloudFormationClientPromise;
    expect(client.middlewareStack.identify()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^platformChangeSetEvidence/)]),
    );
    client.destroy();
  });

  it('says so when the deploy plugin it wraps is not loaded', async () => {
    process.env.PLATFORM_CHANGE_SET_FILE = '/tmp/change-set.json';
    await expect(
      new PlatformPlugin(serverlessWith([]), {}).hooks['before:aws:deploy:deploy:updateStack'](),
    ).rejects.toThrow('PLATFORM_CHANGE_SET_FILE is set, but the AwsDeploy plugin is not loaded');
  });
});
