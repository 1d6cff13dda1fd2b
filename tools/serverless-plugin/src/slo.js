'use strict';

/**
 * SLOs as code (ADR-003, ADR-014): multi-window, multi-burn-rate alarms per service, from the
 * HTTP API's own metrics (AWS/ApiGateway `5xx`, `Count` per stage; `Latency` per route with
 * detailed metrics on).
 *
 * For each objective — availability, and p99 latency per route class (reads: GET/HEAD; writes:
 * every other method) — two burn rates, each the AND of a long and a short window:
 * fast = 14.4× the budget over 1 h and 5 m (2 % of a 30-day budget in an hour), slow = 6× over
 * 6 h and 30 m (5 % in six hours). Each window is one metric-math alarm; a composite alarm ANDs
 * the two and is the only one that notifies the stage's alarm topic.
 */

/** The objectives (ADR-014). Budgets are fractions of requests over 30 days. */
const SLOS = {
  /** 99.9 % of requests answered without a 5xx, over 30 days. */
  availability: 0.999,
  /** 99 % of requests of each class answered within its threshold, over 30 days. */
  latency: {
    read: { thresholdMs: 300, target: 0.99 },
    write: { thresholdMs: 1000, target: 0.99 },
  },
};

/** The two burn rates and their windows (seconds). */
const BURN_RATES = [
  { key: 'Fast', name: 'fast', burnRate: 14.4, long: 3600, short: 300 },
  { key: 'Slow', name: 'slow', burnRate: 6, long: 21600, short: 1800 },
];

/** The API stage serverless creates for an HTTP API. */
const API_STAGE = '$default';

const READ_METHODS = new Set(['GET', 'HEAD']);

function windowLabel(seconds) {
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : `${seconds / 60}m`;
}

/** `14.4 × 0.001` without the float noise: the alarm threshold as a fraction of requests. */
function threshold(burnRate, budget) {
  return Number((burnRate * budget).toPrecision(6));
}

function apiMetric(id, apiId, metricName, stat, period, extraDimensions = []) {
  return {
    Id: id,
    ReturnData: false,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/ApiGateway',
        MetricName: metricName,
        Dimensions: [
          { Name: 'ApiId', Value: { Ref: apiId } },
          ...extraDimensions,
          { Name: 'Stage', Value: API_STAGE },
        ],
      },
      Period: period,
      Stat: stat,
    },
  };
}

/** The metric math of the 5xx ratio over one window. */
function availabilityMetrics(apiId, period) {
  return [
    apiMetric('errors', apiId, '5xx', 'Sum', period),
    apiMetric('requests', apiId, 'Count', 'Sum', period),
    {
      Id: 'ratio',
      Expression: 'IF(requests > 0, errors / requests, 0)',
      Label: 'share of requests answered 5xx',
      ReturnData: true,
    },
  ];
}

/**
 * The metric math of the share of a route class's requests slower than `thresholdMs` over one
 * window: per route, `SampleCount` of `Latency` and `PR(:threshold)` (the percentage within it).
 */
function latencyMetrics(apiId, routes, thresholdMs, period) {
  const metrics = routes.flatMap((route, index) => {
    const dimensions = [
      { Name: 'Method', Value: route.method },
      { Name: 'Resource', Value: route.path },
    ];
    return [
      apiMetric(`count${index}`, apiId, 'Latency', 'SampleCount', period, dimensions),
      apiMetric(`within${index}`, apiId, 'Latency', `PR(:${thresholdMs})`, period, dimensions),
    ];
  });
  const slow = routes.map((_, i) => `FILL(count${i}, 0) * (100 - FILL(within${i}, 100)) / 100`).join(' + ');
  const total = routes.map((_, i) => `FILL(count${i}, 0)`).join(' + ');
  return [
    ...metrics,
    { Id: 'slow', Expression: slow, ReturnData: false },
    { Id: 'total', Expression: total, ReturnData: false },
    {
      Id: 'ratio',
      Expression: 'IF(total > 0, slow / total, 0)',
      Label: `share of requests slower than ${thresholdMs} ms`,
      ReturnData: true,
    },
  ];
}

/** The routes of the template's HTTP API: `{ method, path }` from each `RouteKey`. */
function httpApiRoutes(template) {
  return Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::ApiGatewayV2::Route')
    .map((resource) => String(resource.Properties?.RouteKey ?? ''))
    .map((key) => /^([A-Z]+) (\/\S*)$/.exec(key))
    .filter((match) => match !== null)
    .map(([, method, path]) => ({ method, path, routeClass: READ_METHODS.has(method) ? 'read' : 'write' }));
}

/**
 * The objectives the service's template can be measured against: availability, and a latency
 * objective per route class that has routes.
 */
function objectivesOf(template) {
  const routes = httpApiRoutes(template);
  const objectives = [
    { key: 'Availability', name: 'availability', budget: threshold(1, 1 - SLOS.availability) },
  ];
  for (const routeClass of ['read', 'write']) {
    const ofClass = routes.filter((route) => route.routeClass === routeClass);
    if (ofClass.length === 0) continue;
    const { thresholdMs, target } = SLOS.latency[routeClass];
    objectives.push({
      key: `Latency${routeClass === 'read' ? 'Read' : 'Write'}`,
      name: `latency-${routeClass}`,
      budget: threshold(1, 1 - target),
      thresholdMs,
      routes: ofClass,
    });
  }
  return objectives;
}

/** The logical id of the alarm of one window of one burn rate, or of their composite. */
function sloAlarmId(objectiveKey, burnKey, window) {
  return `Slo${objectiveKey}${burnKey}Burn${window ? `${window}Window` : ''}Alarm`;
}

/**
 * The logical ids of the fast burn's short-window alarms a service's template will hold: what
 * CodeDeploy rolls a canary back on (ADR-014).
 * @param {{ hasReads: boolean, hasWrites: boolean }} routeClasses
 * @returns {string[]}
 */
function fastBurnCanaryAlarmIds({ hasReads, hasWrites }) {
  return [
    sloAlarmId('Availability', 'Fast', 'Short'),
    ...(hasReads ? [sloAlarmId('LatencyRead', 'Fast', 'Short')] : []),
    ...(hasWrites ? [sloAlarmId('LatencyWrite', 'Fast', 'Short')] : []),
  ];
}

/** A stage alarm topic ARN, or an error naming the variable and where to set it. */
function assertTopicArn(topicArn) {
  if (
    typeof topicArn === 'string' &&
    /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(topicArn)
  )
    return topicArn;
  throw new Error(
    `custom.platform.alarmTopicArn is ${JSON.stringify(topicArn)}, not an SNS topic ARN: set ALARM_TOPIC_ARN ` +
      `for the stage (<STAGE>_ALARM_TOPIC_ARN; README › Environment), which serverless/service-defaults.yml passes on`,
  );
}

/**
 * Adds the SLO burn-rate alarms of the template's HTTP API: per objective and burn rate, a
 * long-window and a short-window metric alarm (`Slo<Objective><Fast|Slow>Burn<Long|Short>WindowAlarm`)
 * and their AND as a composite alarm (`Slo<Objective><Fast|Slow>BurnAlarm`) that notifies `topicArn`.
 * A template without an HTTP API gets none.
 * @param {{ Resources: Record<string, any> }} template
 * @param {{ service: string, stage: string, topicArn: string }} options
 * @returns {string[]} the logical ids added
 */
function addSloAlarms(template, options) {
  const apiId = Object.keys(template.Resources).find(
    (id) => template.Resources[id].Type === 'AWS::ApiGatewayV2::Api',
  );
  if (apiId === undefined) return [];
  const topicArn = assertTopicArn(options.topicArn);
  const prefix = `${options.service}-${options.stage}-slo`;
  const added = [];
  for (const objective of objectivesOf(template)) {
    for (const burn of BURN_RATES) {
      const limit = threshold(burn.burnRate, objective.budget);
      const windows = [
        ['Long', burn.long],
        ['Short', burn.short],
      ];
      const names = [];
      for (const [windowKey, period] of windows) {
        const id = sloAlarmId(objective.key, burn.key, windowKey);
        const name = `${prefix}-${objective.name}-${burn.name}-${windowLabel(period)}`;
        names.push([id, name]);
        const what =
          objective.thresholdMs === undefined
            ? 'share of requests answered 5xx'
            : `share of ${objective.name.slice('latency-'.length)} requests slower than ${objective.thresholdMs} ms`;
        template.Resources[id] = {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            AlarmName: name,
            AlarmDescription: `${options.service}-${options.stage}: ${what} over ${windowLabel(period)} above ${limit} (${burn.burnRate}× the ${objective.name} error budget)`,
            Metrics:
              objective.thresholdMs === undefined
                ? availabilityMetrics(apiId, period)
                : latencyMetrics(apiId, objective.routes, objective.thresholdMs, period),
            EvaluationPeriods: 1,
            DatapointsToAlarm: 1,
            Threshold: limit,
            ComparisonOperator: 'GreaterThanThreshold',
            TreatMissingData: 'notBreaching',
          },
        };
        added.push(id);
      }
      const compositeId = sloAlarmId(objective.key, burn.key);
      template.Resources[compositeId] = {
        Type: 'AWS::CloudWatch::CompositeAlarm',
        DependsOn: names.map(([id]) => id),
        Properties: {
          AlarmName: `${prefix}-${objective.name}-${burn.name}-burn`,
          AlarmDescription: `${options.service}-${options.stage}: the ${objective.name} error budget burns ${burn.burnRate}× too fast over ${windowLabel(burn.long)} and ${windowLabel(burn.short)} (ADR-014)`,
          AlarmRule: names.map(([, name]) => `ALARM("${name}")`).join(' AND '),
          ActionsEnabled: true,
          AlarmActions: [topicArn],
          OKActions: [topicArn],
        },
      };
      added.push(compositeId);
    }
  }
  return added;
}

module.exports = { BURN_RATES, SLOS, addSloAlarms, fastBurnCanaryAlarmIds, httpApiRoutes };
