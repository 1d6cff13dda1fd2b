/**
 * Checks a template's `ServiceDashboard` against the template itself: the body is JSON once its
 * `Fn::Sub` references are resolved, every reference names a resource of the template, and every
 * metric of every widget is one that the template's resources emit, with dimensions that exist.
 * Returns the problems found (none when the dashboard is sound) and the parsed body.
 */

const API_METRICS = new Set(['Count', '4xx', '5xx', 'Latency', 'IntegrationLatency', 'DataProcessed']);
const LAMBDA_METRICS = new Set(['Errors', 'Throttles', 'Duration', 'Invocations', 'ConcurrentExecutions']);
const DYNAMODB_METRICS = new Set([
  'ConsumedReadCapacityUnits',
  'ConsumedWriteCapacityUnits',
  'ReadThrottleEvents',
  'WriteThrottleEvents',
]);
/** What libs/observability's createMetrics records per request (platform-metrics.ts). */
const EMF_METRICS = new Set(['Requests', 'Status4xx', 'Status5xx', 'LatencyMs', 'ColdStart']);
const PSEUDO = { 'AWS::Region': 'eu-west-1', 'AWS::Partition': 'aws', 'AWS::AccountId': '123456789012' };

function checkDashboard(template) {
  const problems = [];
  const resources = template.Resources;
  const dashboard = resources.ServiceDashboard;
  if (!dashboard || dashboard.Type !== 'AWS::CloudWatch::Dashboard')
    return { problems: ['no ServiceDashboard'] };
  const ofType = (type) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const source = dashboard.Properties.DashboardBody['Fn::Sub'];
  const text = source.replace(/\$\{([^}]+)\}/g, (match, name) => {
    if (name in PSEUDO) return PSEUDO[name];
    if (!resources[name]) problems.push(`\${${name}} names no resource of the template`);
    return `ref:${name}`;
  });
  let body;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { problems: [...problems, `the body is not JSON: ${error.message}`] };
  }
  const functions = ofType('AWS::Lambda::Function').map(([, fn]) => fn);
  const functionNames = new Set(functions.map((fn) => fn.Properties.FunctionName));
  const tableNames = new Set(ofType('AWS::DynamoDB::Table').map(([, t]) => t.Properties.TableName));
  const routeKeys = new Set(ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey));
  const apiRefs = new Set(ofType('AWS::ApiGatewayV2::Api').map(([id]) => `ref:${id}`));
  const stageNames = new Set(ofType('AWS::ApiGatewayV2::Stage').map(([, s]) => s.Properties.StageName));
  const emf = new Set(
    functions.map((fn) => {
      const v = fn.Properties.Environment?.Variables ?? {};
      return `${v.POWERTOOLS_METRICS_NAMESPACE}|${v.POWERTOOLS_SERVICE_NAME}|${v.STAGE}`;
    }),
  );
  const alarmNames = new Set(
    Object.values(resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm' || r.Type === 'AWS::CloudWatch::CompositeAlarm')
      .map((r) => r.Properties.AlarmName),
  );

  for (const widget of body.widgets) {
    const title = widget.properties.title;
    if (widget.type === 'alarm') {
      for (const arn of widget.properties.alarms) {
        const name = arn.split(':alarm:')[1];
        if (!alarmNames.has(name)) problems.push(`${title}: alarm ${name} is not in the template`);
      }
      continue;
    }
    if (widget.type !== 'metric') {
      problems.push(`${title}: unexpected widget type ${widget.type}`);
      continue;
    }
    for (const row of widget.properties.metrics) {
      const [namespace, metric, ...rest] = row;
      const pairs = rest.filter((item) => typeof item === 'string');
      const dims = {};
      for (let i = 0; i < pairs.length; i += 2) dims[pairs[i]] = pairs[i + 1];
      const where = `${title}: ${namespace} ${metric}`;
      if (namespace === 'AWS/ApiGateway') {
        if (!API_METRICS.has(metric)) problems.push(`${where} is no HTTP API metric`);
        if (!apiRefs.has(dims.ApiId))
          problems.push(`${where}: ApiId ${dims.ApiId} is no API of the template`);
        if (!stageNames.has(dims.Stage))
          problems.push(`${where}: Stage ${dims.Stage} is no stage of the API`);
        if ((dims.Method || dims.Resource) && !routeKeys.has(`${dims.Method} ${dims.Resource}`))
          problems.push(`${where}: ${dims.Method} ${dims.Resource} is no route of the API`);
      } else if (namespace === 'AWS/Lambda') {
        if (!LAMBDA_METRICS.has(metric)) problems.push(`${where} is no Lambda metric`);
        if (!functionNames.has(dims.FunctionName))
          problems.push(`${where}: no function ${dims.FunctionName}`);
      } else if (namespace === 'AWS/DynamoDB') {
        if (!DYNAMODB_METRICS.has(metric)) problems.push(`${where} is no DynamoDB table metric`);
        if (!tableNames.has(dims.TableName)) problems.push(`${where}: no table ${dims.TableName}`);
      } else {
        if (!EMF_METRICS.has(metric)) problems.push(`${where} is not a metric the platform's EMF records`);
        if (!emf.has(`${namespace}|${dims.service}|${dims.stage}`))
          problems.push(
            `${where}: no function publishes to ${namespace} with service ${dims.service}, stage ${dims.stage}`,
          );
      }
    }
  }
  return { problems, body };
}

module.exports = { checkDashboard };
