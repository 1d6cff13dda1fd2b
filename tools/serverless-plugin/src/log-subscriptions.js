'use strict';

/**
 * Central logs (docs/central-logging.md): every log group of a service — each function's and the
 * HTTP API's access log — gets an `AWS::Logs::SubscriptionFilter` that forwards every event to the
 * stage's CloudWatch Logs destination in the central logging account.
 */

/** A CloudWatch Logs destination: `arn:<partition>:logs:<region>:<account>:destination:<name>`. */
const DESTINATION_ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:destination:[^:*]{1,512}$/;

/** The destination ARN, or an error naming the variable and where to set it. */
function assertDestinationArn(destinationArn) {
  if (typeof destinationArn === 'string' && DESTINATION_ARN.test(destinationArn)) return destinationArn;
  throw new Error(
    `custom.platform.logDestinationArn is ${JSON.stringify(destinationArn)}, not a CloudWatch Logs destination ARN ` +
      `(arn:aws:logs:<region>:<account>:destination:<name>): set LOG_DESTINATION_ARN for the stage ` +
      `(<STAGE>_LOG_DESTINATION_ARN; README › Environment, docs/central-logging.md), which serverless/service-defaults.yml passes on`,
  );
}

/**
 * Adds `<LogGroup>SubscriptionFilter` for every `AWS::Logs::LogGroup` of the template, unless the
 * service declared it. A template without log groups needs no destination.
 * @param {{ Resources: Record<string, any> }} template
 * @param {{ destinationArn: string }} options
 * @returns {string[]} the logical ids added
 */
function addLogSubscriptions(template, options) {
  const logGroups = Object.keys(template.Resources).filter(
    (id) => template.Resources[id].Type === 'AWS::Logs::LogGroup',
  );
  if (logGroups.length === 0) return [];
  const destinationArn = assertDestinationArn(options.destinationArn);
  const added = [];
  for (const logGroupId of logGroups) {
    const id = `${logGroupId}SubscriptionFilter`;
    if (template.Resources[id]) continue;
    template.Resources[id] = {
      Type: 'AWS::Logs::SubscriptionFilter',
      Properties: {
        LogGroupName: { Ref: logGroupId },
        DestinationArn: destinationArn,
        FilterPattern: '',
      },
    };
    added.push(id);
  }
  return added;
}

module.exports = { addLogSubscriptions };
