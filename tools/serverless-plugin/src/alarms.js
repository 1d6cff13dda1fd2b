'use strict';

/**
 * CloudWatch alarms every service gets (docs/architecture.md §7): per function errors, throttles and
 * p99 duration; per HTTP API the 5xx rate. Canary deployments roll back on them.
 */

/** Default thresholds; a service overrides them in `custom.platform.alarms`. */
const DEFAULT_THRESHOLDS = {
  /** Errors in one minute that fire the function alarm. */
  errors: 1,
  /** Throttles in one minute. */
  throttles: 1,
  /** p99 duration as a fraction of the function's timeout. */
  durationP99OfTimeout: 0.8,
  /** 5xx responses as a percentage of requests over one minute. */
  api5xxPercent: 5,
  /** Minutes in a row above the threshold. */
  evaluationPeriods: 1,
};

function alarmActions(topicArn) {
  return topicArn ? { AlarmActions: [topicArn], OKActions: [topicArn] } : {};
}

/** A Lambda metric alarm on one function. */
function functionAlarm({ functionId, metric, statistic, threshold, description, thresholds, topicArn }) {
  const stat = statistic.startsWith('p') ? { ExtendedStatistic: statistic } : { Statistic: statistic };
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: description,
      Namespace: 'AWS/Lambda',
      MetricName: metric,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
      ...stat,
      Period: 60,
      EvaluationPeriods: thresholds.evaluationPeriods,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      ...alarmActions(topicArn),
    },
  };
}

/** The 5xx-rate alarm of the HTTP API: 100 × 5xx / requests over one minute. */
function apiAlarm({ apiId, thresholds, topicArn, description }) {
  const metric = (id, name) => ({
    Id: id,
    ReturnData: false,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/ApiGateway',
        MetricName: name,
        Dimensions: [
          { Name: 'ApiId', Value: { Ref: apiId } },
          { Name: 'Stage', Value: '$default' },
        ],
      },
      Period: 60,
      Stat: 'Sum',
    },
  });
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: description,
      Metrics: [
        metric('errors5xx', '5xx'),
        metric('requests', 'Count'),
        {
          Id: 'rate',
          Expression: 'IF(requests > 0, 100 * errors5xx / requests, 0)',
          Label: '5xx rate (%)',
          ReturnData: true,
        },
      ],
      EvaluationPeriods: thresholds.evaluationPeriods,
      Threshold: thresholds.api5xxPercent,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      ...alarmActions(topicArn),
    },
  };
}

/**
 * Adds the alarms to a compiled template. Logical ids: `<Function>ErrorsAlarm`,
 * `<Function>ThrottlesAlarm`, `<Function>DurationP99Alarm`, `HttpApi5xxRateAlarm`.
 * @param {{ Resources: Record<string, any> }} template
 * @param {{ service: string, stage: string, thresholds?: Partial<typeof DEFAULT_THRESHOLDS>, topicArn?: string }} options
 * @returns {string[]} the alarm logical ids added
 */
function addAlarms(template, options) {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...(options.thresholds || {}) };
  const added = [];
  const put = (id, resource) => {
    if (template.Resources[id]) return;
    template.Resources[id] = resource;
    added.push(id);
  };
  for (const [functionId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const timeoutMs = Number(resource.Properties?.Timeout ?? 6) * 1000;
    const name = `${options.service}-${options.stage} ${functionId.replace(/LambdaFunction$/, '')}`;
    const common = { functionId, thresholds, topicArn: options.topicArn };
    put(
      `${functionId}ErrorsAlarm`,
      functionAlarm({
        ...common,
        metric: 'Errors',
        statistic: 'Sum',
        threshold: thresholds.errors,
        description: `${name}: errors`,
      }),
    );
    put(
      `${functionId}ThrottlesAlarm`,
      functionAlarm({
        ...common,
        metric: 'Throttles',
        statistic: 'Sum',
        threshold: thresholds.throttles,
        description: `${name}: throttles`,
      }),
    );
    put(
      `${functionId}DurationP99Alarm`,
      functionAlarm({
        ...common,
        metric: 'Duration',
        statistic: 'p99',
        threshold: Math.round(timeoutMs * thresholds.durationP99OfTimeout),
        description: `${name}: p99 duration above ${Math.round(thresholds.durationP99OfTimeout * 100)}% of the timeout`,
      }),
    );
  }
  for (const [apiId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Api') continue;
    put(
      `${apiId}5xxRateAlarm`,
      apiAlarm({
        apiId,
        thresholds,
        topicArn: options.topicArn,
        description: `${options.service}-${options.stage}: HTTP API 5xx rate above ${thresholds.api5xxPercent}%`,
      }),
    );
  }
  return added;
}

module.exports = { DEFAULT_THRESHOLDS, addAlarms };
