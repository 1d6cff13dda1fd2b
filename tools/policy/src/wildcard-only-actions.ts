/**
 * IAM actions that support no resource-level permission: the only `Resource` they accept is `*`
 * (AWS Service Authorization Reference, "Resource types" column empty). A statement made only of
 * these may use `Resource: "*"`; one that mixes in any other action may not.
 *
 * Kept short on purpose: add an action here only after checking the reference, with its service.
 */
const WILDCARD_ONLY_ACTIONS: ReadonlySet<string> = new Set(
  [
    // X-Ray: what a traced Lambda function needs.
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
    'xray:GetSamplingRules',
    'xray:GetSamplingTargets',
    'xray:GetSamplingStatisticSummaries',
    // CloudWatch metrics (EMF is written through logs; direct PutMetricData needs `*`).
    'cloudwatch:PutMetricData',
    'cloudwatch:GetMetricData',
    'cloudwatch:ListMetrics',
    // Lambda in a VPC: network interfaces are created before any ARN exists.
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeSubnets',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeVpcs',
    // Identity and discovery calls with no resource.
    'sts:GetCallerIdentity',
    'ssm:DescribeParameters',
    'kms:ListAliases',
    'secretsmanager:GetRandomPassword',
    'dynamodb:ListTables',
    'dynamodb:DescribeLimits',
    'dynamodb:DescribeEndpoints',
    'lambda:ListFunctions',
    'lambda:GetAccountSettings',
    'sqs:ListQueues',
    'sns:ListTopics',
    's3:ListAllMyBuckets',
    // Deploying: template validation, and the log delivery API Gateway access logs are written through.
    'cloudformation:ValidateTemplate',
    'logs:CreateLogDelivery',
    'logs:GetLogDelivery',
    'logs:UpdateLogDelivery',
    'logs:DeleteLogDelivery',
    'logs:ListLogDeliveries',
    'logs:PutResourcePolicy',
    'logs:DescribeResourcePolicies',
  ].map((action) => action.toLowerCase()),
);

/** True when `action` (no wildcard in it) is one whose only possible resource is `*`. */
export function requiresWildcardResource(action: string): boolean {
  return WILDCARD_ONLY_ACTIONS.has(action.toLowerCase());
}
