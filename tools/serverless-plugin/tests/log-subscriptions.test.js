const { addLogSubscriptions } = require('../src/log-subscriptions');

const DESTINATION = 'arn:aws:logs:eu-west-1:123456789012:destination:serverless-factory-prod-logs';

function template() {
  return {
    Resources: {
      HealthLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: {} },
      HttpApiLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: {} },
      Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
    },
  };
}

describe('addLogSubscriptions', () => {
  it('subscribes every log group to the destination with an empty pattern (every event)', () => {
    const t = template();
    expect(addLogSubscriptions(t, { destinationArn: DESTINATION })).toEqual([
      'HealthLogGroupSubscriptionFilter',
      'HttpApiLogGroupSubscriptionFilter',
    ]);
    expect(t.Resources.HttpApiLogGroupSubscriptionFilter).toEqual({
      Type: 'AWS::Logs::SubscriptionFilter',
      Properties: {
        LogGroupName: { Ref: 'HttpApiLogGroup' },
        DestinationArn: DESTINATION,
        FilterPattern: '',
      },
    });
  });

  it('keeps a filter the service declared, and needs no destination without log groups', () => {
    const t = template();
    t.Resources.HealthLogGroupSubscriptionFilter = {
      Type: 'AWS::Logs::SubscriptionFilter',
      Properties: { Mine: 1 },
    };
    expect(addLogSubscriptions(t, { destinationArn: DESTINATION })).toEqual([
      'HttpApiLogGroupSubscriptionFilter',
    ]);
    expect(t.Resources.HealthLogGroupSubscriptionFilter.Properties).toEqual({ Mine: 1 });
    expect(addLogSubscriptions({ Resources: {} }, { destinationArn: undefined })).toEqual([]);
  });

  it('refuses a missing destination or one that is no CloudWatch Logs destination, naming LOG_DESTINATION_ARN', () => {
    for (const destinationArn of [undefined, '', 'arn:aws:kinesis:eu-west-1:123456789012:stream/logs'])
      expect(() => addLogSubscriptions(template(), { destinationArn })).toThrow(
        /not a CloudWatch Logs destination ARN .*set LOG_DESTINATION_ARN for the stage \(<STAGE>_LOG_DESTINATION_ARN/,
      );
  });
});
