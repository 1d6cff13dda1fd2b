'use strict';

const { httpApiRoutes } = require('./slo');

/**
 * One CloudWatch dashboard per service and stage (ADR-014), from what the template holds: the
 * HTTP API's requests, 4xx/5xx and p50/p99 latency per route, the functions' errors, throttles and
 * duration, the platform's EMF cold starts (namespace and dimensions from the functions' environment),
 * the tables' consumed capacity and throttle events, and the state of the SLO composite alarms.
 *
 * The body is JSON inside `Fn::Sub`: `${HttpApi}` is the API's id, `${AWS::Region}` the region.
 */

const WIDTH = 12;
const HEIGHT = 6;
const PERIOD = 60;

function ofType(template, type) {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** A literal string property, or `undefined` when it is an intrinsic function. */
function literal(value) {
  return typeof value === 'string' ? value : undefined;
}

function metricWidget(title, metrics, extra = {}) {
  return {
    type: 'metric',
    properties: { title, region: '${AWS::Region}', period: PERIOD, view: 'timeSeries', metrics, ...extra },
  };
}

/** The EMF namespace and `service`/`stage` dimensions the functions publish with (libs/observability). */
function emfDimensions(functions) {
  for (const [, fn] of functions) {
    const variables = fn.Properties?.Environment?.Variables ?? {};
    const namespace = literal(variables.POWERTOOLS_METRICS_NAMESPACE);
    const service = literal(variables.POWERTOOLS_SERVICE_NAME ?? variables.SERVICE_NAME);
    const stage = literal(variables.STAGE);
    if (namespace && service && stage) return { namespace, service, stage };
  }
  return undefined;
}

/**
 * The dashboard's widgets for a compiled template.
 * @param {{ Resources: Record<string, any> }} template
 * @param {{ compositeAlarmNames?: string[] }} [options]
 * @returns {Array<Record<string, any>>}
 */
function dashboardWidgets(template, options = {}) {
  const widgets = [];
  const [apiId] = ofType(template, 'AWS::ApiGatewayV2::Api').map(([id]) => id);
  const functions = ofType(template, 'AWS::Lambda::Function')
    .map(([id, fn]) => [id, fn, literal(fn.Properties?.FunctionName)])
    .filter(([, , name]) => name !== undefined);
  const tables = ofType(template, 'AWS::DynamoDB::Table')
    .map(([, table]) => literal(table.Properties?.TableName))
    .filter((name) => name !== undefined);

  if (apiId !== undefined) {
    const api = ['AWS/ApiGateway'];
    const apiDims = ['ApiId', `\${${apiId}}`, 'Stage', '$default'];
    widgets.push(
      metricWidget(
        'Requests and errors (HTTP API)',
        [
          [...api, 'Count', ...apiDims, { stat: 'Sum', label: 'requests' }],
          [...api, '4xx', ...apiDims, { stat: 'Sum', label: '4xx' }],
          [...api, '5xx', ...apiDims, { stat: 'Sum', label: '5xx' }],
        ],
        { stacked: false },
      ),
    );
    for (const route of httpApiRoutes(template)) {
      const routeDims = [
        'ApiId',
        `\${${apiId}}`,
        'Method',
        route.method,
        'Resource',
        route.path,
        'Stage',
        '$default',
      ];
      widgets.push(
        metricWidget(`Latency ${route.method} ${route.path} (p50, p99)`, [
          [...api, 'Latency', ...routeDims, { stat: 'p50', label: 'p50' }],
          [...api, 'Latency', ...routeDims, { stat: 'p99', label: 'p99' }],
        ]),
      );
    }
  }
  if (functions.length > 0) {
    const perFunction = (metric, stat) =>
      functions.map(([, , name]) => ['AWS/Lambda', metric, 'FunctionName', name, { stat, label: name }]);
    widgets.push(metricWidget('Function errors', perFunction('Errors', 'Sum')));
    widgets.push(metricWidget('Function throttles', perFunction('Throttles', 'Sum')));
    widgets.push(metricWidget('Function duration p99', perFunction('Duration', 'p99')));
    const emf = emfDimensions(functions.map(([id, fn]) => [id, fn]));
    if (emf) {
      widgets.push(
        metricWidget('Cold starts (EMF)', [
          [
            emf.namespace,
            'ColdStart',
            'service',
            emf.service,
            'stage',
            emf.stage,
            { stat: 'Sum', label: 'cold starts' },
          ],
          [
            emf.namespace,
            'Requests',
            'service',
            emf.service,
            'stage',
            emf.stage,
            { stat: 'Sum', label: 'requests' },
          ],
        ]),
      );
    }
  }
  for (const table of tables) {
    widgets.push(
      metricWidget(`DynamoDB ${table}: consumed capacity`, [
        ['AWS/DynamoDB', 'ConsumedReadCapacityUnits', 'TableName', table, { stat: 'Sum', label: 'read' }],
        ['AWS/DynamoDB', 'ConsumedWriteCapacityUnits', 'TableName', table, { stat: 'Sum', label: 'write' }],
      ]),
    );
    widgets.push(
      metricWidget(`DynamoDB ${table}: throttle events`, [
        ['AWS/DynamoDB', 'ReadThrottleEvents', 'TableName', table, { stat: 'Sum', label: 'read' }],
        ['AWS/DynamoDB', 'WriteThrottleEvents', 'TableName', table, { stat: 'Sum', label: 'write' }],
      ]),
    );
  }
  const alarmNames = options.compositeAlarmNames ?? [];
  if (alarmNames.length > 0) {
    widgets.push({
      type: 'alarm',
      properties: {
        title: 'SLO burn-rate alarms (ADR-014)',
        alarms: alarmNames.map(
          (name) => `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${name}`,
        ),
      },
    });
  }
  return widgets.map((widget, index) => ({
    ...widget,
    x: (index % 2) * WIDTH,
    y: Math.floor(index / 2) * HEIGHT,
    width: WIDTH,
    height: HEIGHT,
  }));
}

/**
 * Adds `ServiceDashboard` (`AWS::CloudWatch::Dashboard`, named `<service>-<stage>`) to the template,
 * unless the service declared one. Its alarm widget lists the template's composite alarms.
 * @param {{ Resources: Record<string, any> }} template
 * @param {{ service: string, stage: string }} options
 * @returns {number} the number of widgets (0 when none was added)
 */
function addDashboard(template, options) {
  if (template.Resources.ServiceDashboard) return 0;
  const compositeAlarmNames = ofType(template, 'AWS::CloudWatch::CompositeAlarm')
    .map(([, alarm]) => literal(alarm.Properties?.AlarmName))
    .filter((name) => name !== undefined);
  const widgets = dashboardWidgets(template, { compositeAlarmNames });
  if (widgets.length === 0) return 0;
  template.Resources.ServiceDashboard = {
    Type: 'AWS::CloudWatch::Dashboard',
    Properties: {
      DashboardName: `${options.service}-${options.stage}`,
      DashboardBody: { 'Fn::Sub': JSON.stringify({ widgets }) },
    },
  };
  return widgets.length;
}

module.exports = { addDashboard, dashboardWidgets };
