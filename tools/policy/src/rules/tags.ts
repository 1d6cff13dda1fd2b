import type { ResourceRule } from '../rule';

/** The tags docs/architecture.md §7 asks of every taggable resource. */
const REQUIRED_TAGS = ['owner', 'env', 'cost-center'] as const;

/**
 * Resource types that accept `Tags` in CloudFormation, among those the services use. A resource of
 * another type that has a `Tags` property is checked too.
 */
const TAGGABLE_TYPES: readonly string[] = [
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::DomainName',
  'AWS::ApiGatewayV2::Stage',
  'AWS::CloudWatch::Alarm',
  'AWS::CodeDeploy::Application',
  'AWS::DynamoDB::Table',
  'AWS::Events::EventBus',
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::KMS::Key',
  'AWS::Lambda::Function',
  'AWS::Logs::LogGroup',
  'AWS::S3::Bucket',
  'AWS::SecretsManager::Secret',
  'AWS::SNS::Topic',
  'AWS::SQS::Queue',
  'AWS::SSM::Parameter',
  'AWS::StepFunctions::StateMachine',
];

const requiredTags: ResourceRule = {
  id: 'SFP-TAG-001',
  title: 'Taggable resources carry the `owner`, `env` and `cost-center` tags',
  severity: 'warning',
  resourceTypes: TAGGABLE_TYPES,
  description:
    'The tags say who to call, which stage it is and who pays; cost reports and the inventory are built from them.',
  remediation:
    'Pull `custom.platform` from the shared defaults and set `custom.owner` and `custom.costCenter`; the platform plugin tags every resource.',
  mappings: {
    cdkNag: [],
    checkov: [],
    cfnNag: [],
    nist80053: ['CM-8'],
  },
  check: (context) =>
    Object.entries(context.template.Resources).flatMap(([id, resource]) => {
      const tags = context.tags(resource);
      if (tags === undefined && !TAGGABLE_TYPES.includes(resource.Type)) return [];
      const missing = REQUIRED_TAGS.filter((key) => {
        const value = tags?.get(key);
        return value === undefined || value === '';
      });
      return missing.length > 0
        ? [
            {
              resource: id,
              message: `is missing the tag${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
            },
          ]
        : [];
    }),
};

/** The tagging rules, in ID order. */
export const TAG_RULES: readonly ResourceRule[] = [requiredTags];
