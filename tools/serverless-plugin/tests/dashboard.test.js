const { addDashboard, dashboardWidgets } = require('../src/dashboard');
const { addSloAlarms } = require('../src/slo');
const { checkDashboard } = require('./support/dashboard-references');

function template() {
  const fn = (name) => ({
    Type: 'AWS::Lambda::Function',
    Properties: {
      FunctionName: `catalog-prod-${name}`,
      Environment: {
        Variables: {
          POWERTOOLS_METRICS_NAMESPACE: 'ServerlessFactory',
          POWERTOOLS_SERVICE_NAME: 'catalog',
          STAGE: 'prod',
        },
      },
    },
  });
  return {
    Resources: {
      HttpApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: {} },
      HttpApiStage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { StageName: '$default' } },
      GetRoute: { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: 'GET /products/{sku}' } },
      PutRoute: { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: 'PUT /products/{sku}' } },
      GetLambdaFunction: fn('get'),
      PutLambdaFunction: fn('put'),
      ServiceTable: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'catalog-prod' } },
    },
  };
}

describe('addDashboard', () => {
  it('adds one dashboard named <service>-<stage> whose body references only what the template holds', () => {
    const t = template();
    addSloAlarms(t, { service: 'catalog', stage: 'prod', topicArn: 'arn:aws:sns:eu-west-1:123456789012:a' });
    expect(addDashboard(t, { service: 'catalog', stage: 'prod' })).toBe(10);
    expect(t.Resources.ServiceDashboard.Properties.DashboardName).toBe('catalog-prod');
    const { problems, body } = checkDashboard(t);
    expect(problems).toEqual([]);
    expect(body.widgets.map((w) => w.properties.title)).toEqual([
      'Requests and errors (HTTP API)',
      'Latency GET /products/{sku} (p50, p99)',
      'Latency PUT /products/{sku} (p50, p99)',
      'Function errors',
      'Function throttles',
      'Function duration p99',
      'Cold starts (EMF)',
      'DynamoDB catalog-prod: consumed capacity',
      'DynamoDB catalog-prod: throttle events',
      'SLO burn-rate alarms (ADR-014)',
    ]);
    expect(body.widgets.at(-1).properties.alarms).toHaveLength(6);
  });

  it('draws p50 and p99 of each route and lays the widgets out two per row', () => {
    const widgets = dashboardWidgets(template());
    const latency = widgets.find((w) => w.properties.title.startsWith('Latency PUT'));
    expect(latency.properties.metrics.map((row) => row.at(-1).stat)).toEqual(['p50', 'p99']);
    expect(latency.properties.metrics[0]).toEqual(
      expect.arrayContaining(['Method', 'PUT', 'Resource', '/products/{sku}']),
    );
    expect(widgets.map((w) => [w.x, w.y])).toEqual(
      widgets.map((_, i) => [(i % 2) * 12, Math.floor(i / 2) * 6]),
    );
  });

  it('keeps a dashboard the service declared and adds none to an empty template', () => {
    const t = template();
    t.Resources.ServiceDashboard = {
      Type: 'AWS::CloudWatch::Dashboard',
      Properties: { DashboardBody: '{}' },
    };
    expect(addDashboard(t, { service: 'catalog', stage: 'prod' })).toBe(0);
    expect(t.Resources.ServiceDashboard.Properties.DashboardBody).toBe('{}');
    expect(addDashboard({ Resources: {} }, { service: 'x', stage: 'y' })).toBe(0);
  });
});

describe('checkDashboard (the test support that validates dashboards)', () => {
  it('reports a metric of a function, route or table the template does not have', () => {
    const t = template();
    addDashboard(t, { service: 'catalog', stage: 'prod' });
    t.Resources.ServiceDashboard.Properties.DashboardBody['Fn::Sub'] =
      t.Resources.ServiceDashboard.Properties.DashboardBody['Fn::Sub']
        .replace('catalog-prod-get', 'catalog-prod-gone')
        .replace('"PUT"', '"POST"')
        .replace('"TableName","catalog-prod"', '"TableName","other"');
    expect(checkDashboard(t).problems).toEqual([
      'Latency PUT /products/{sku} (p50, p99): AWS/ApiGateway Latency: POST /products/{sku} is no route of the API',
      'Function errors: AWS/Lambda Errors: no function catalog-prod-gone',
      'DynamoDB catalog-prod: consumed capacity: AWS/DynamoDB ConsumedReadCapacityUnits: no table other',
    ]);
  });

  it('reports a body that is not JSON and a reference to no resource', () => {
    const t = template();
    t.Resources.ServiceDashboard = {
      Type: 'AWS::CloudWatch::Dashboard',
      Properties: { DashboardBody: { 'Fn::Sub': '{"widgets": [${Missing}' } },
    };
    expect(checkDashboard(t).problems).toEqual([
      '${Missing} names no resource of the template',
      expect.stringMatching(/^the body is not JSON/),
    ]);
  });
});
