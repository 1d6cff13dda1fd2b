import { readBoolean, renderString } from '../intrinsics';
import { objectAt } from '../json-value';
import type { ResourceRule, Violation } from '../rule';
import type { CfnResource } from '../template';
import type { TemplateContext } from '../template-context';

const TABLE = 'AWS::DynamoDB::Table';
const RETAINING_POLICIES = new Set(['Retain', 'RetainExceptOnCreate']);

/** One violation per table (outside dev only, when asked) for which `problem` returns a message. */
function checkTables(
  context: TemplateContext,
  options: { outsideDevOnly: boolean },
  problem: (table: CfnResource) => string | undefined,
): Violation[] {
  return context.ofType(TABLE).flatMap(([id, table]) => {
    if (options.outsideDevOnly && !context.isOutsideDev(id)) return [];
    const message = problem(table);
    const stage = context.stageOf(id);
    return message
      ? [
          {
            resource: id,
            message: options.outsideDevOnly ? `${message} (stage ${stage ?? 'unknown'})` : message,
          },
        ]
      : [];
  });
}

const dynamodbDeletionProtection: ResourceRule = {
  id: 'SFP-DDB-002',
  title: 'Tables outside dev have deletion protection on',
  severity: 'error',
  resourceTypes: [TABLE],
  description:
    'Deletion protection makes `DeleteTable` fail, whoever calls it: console, CLI or a stack update.',
  remediation: 'Set `DeletionProtectionEnabled: true` (the shared `params` do for every stage but dev).',
  mappings: {
    cdkNag: [],
    checkov: [],
    cfnNag: [],
    nist80053: ['CM-3', 'CP-2'],
  },
  check: (context) =>
    checkTables(context, { outsideDevOnly: true }, (table) => {
      const enabled = table.Properties.DeletionProtectionEnabled;
      return enabled !== undefined && readBoolean(enabled) !== false
        ? undefined
        : 'has deletion protection off';
    }),
};

const dynamodbRetainPolicy: ResourceRule = {
  id: 'SFP-DDB-003',
  title: 'Tables outside dev are retained when the stack deletes or replaces them',
  severity: 'error',
  resourceTypes: [TABLE],
  description:
    'CloudFormation deletes a table with its data when the stack is deleted (`DeletionPolicy`) or when ' +
    'a change replaces it (`UpdateReplacePolicy`), unless the policy is `Retain`.',
  remediation: 'Set `DeletionPolicy: Retain` and `UpdateReplacePolicy: Retain` on the table.',
  mappings: {
    cdkNag: [],
    checkov: [],
    cfnNag: [],
    nist80053: ['CP-9', 'SI-12'],
  },
  check: (context) =>
    checkTables(context, { outsideDevOnly: true }, (table) => {
      const missing = (['DeletionPolicy', 'UpdateReplacePolicy'] as const).filter((key) => {
        const policy = renderString(table[key]);
        return policy === undefined || !RETAINING_POLICIES.has(policy.text);
      });
      return missing.length > 0
        ? `is not retained: ${missing.map((key) => `${key} is not Retain`).join(', ')}`
        : undefined;
    }),
};

const dynamodbExplicitBillingMode: ResourceRule = {
  id: 'SFP-DDB-004',
  title: 'Tables set their billing mode explicitly',
  severity: 'warning',
  resourceTypes: [TABLE],
  description:
    'Without `BillingMode` a table is provisioned, with the capacity someone typed once; the platform runs on-demand tables.',
  remediation: 'Set `BillingMode: PAY_PER_REQUEST` (or `PROVISIONED` with auto scaling, and say why).',
  mappings: {
    cdkNag: [],
    checkov: [],
    cfnNag: ['W73'],
    nist80053: ['CM-2', 'CM-6'],
  },
  check: (context) =>
    checkTables(context, { outsideDevOnly: false }, (table) =>
      table.Properties.BillingMode === undefined ? 'sets no BillingMode' : undefined,
    ),
};

const dynamodbServerSideEncryption: ResourceRule = {
  id: 'SFP-DDB-005',
  title: 'Tables are encrypted with a KMS key',
  severity: 'warning',
  resourceTypes: [TABLE],
  description:
    'With `SSESpecification.SSEEnabled` the table is encrypted with a KMS key whose use CloudTrail records; ' +
    'without it, with a key AWS owns and nobody can audit.',
  remediation: 'Set `SSESpecification.SSEEnabled: true` (optionally with `KMSMasterKeyId`).',
  mappings: {
    cdkNag: [],
    checkov: ['CKV_AWS_119'],
    cfnNag: ['W74'],
    nist80053: ['SC-13', 'SC-28'],
  },
  check: (context) =>
    checkTables(context, { outsideDevOnly: false }, (table) => {
      const enabled = objectAt(table.Properties, 'SSESpecification')?.SSEEnabled;
      return enabled !== undefined && readBoolean(enabled) !== false
        ? undefined
        : 'is not encrypted with a KMS key (SSEEnabled off)';
    }),
};

/** The DynamoDB rules, in ID order. */
export const DYNAMODB_RULES: readonly ResourceRule[] = [
  dynamodbDeletionProtection,
  dynamodbRetainPolicy,
  dynamodbExplicitBillingMode,
  dynamodbServerSideEncryption,
];
