/**
 * A rule that was published and then retired. Its ID stays out of reuse; a suppression naming it is
 * reported (SFP-POLICY-002) with what to suppress instead.
 */
export interface RetiredRule {
  id: string;
  title: string;
  /** The checkov checks that catch what the rule caught (measured on its fixtures), if any. */
  checkov: readonly string[];
  /** Why it was retired. */
  reason: string;
}

const CHECKOV_COVERS =
  'checkov catches every fault of this rule’s fixtures on the same resources and none of its passing fixtures (see the table above).';

/** The retired rules, in the order they were published. */
export const RETIRED_RULES: readonly RetiredRule[] = [
  {
    id: 'SFP-IAM-005',
    title: 'No `iam:PassRole` on `*`',
    checkov: ['CKV_AWS_107', 'CKV_AWS_109', 'CKV_AWS_110'],
    reason: CHECKOV_COVERS,
  },
  {
    id: 'SFP-LAMBDA-007',
    title: 'Functions reserve concurrency, or a suppression says why not',
    checkov: ['CKV_AWS_115'],
    reason: CHECKOV_COVERS,
  },
  {
    id: 'SFP-LAMBDA-008',
    title: 'No function URL without authentication',
    checkov: ['CKV_AWS_258'],
    reason: CHECKOV_COVERS,
  },
  {
    id: 'SFP-APIGW-002',
    title: 'API stages write access logs',
    checkov: ['CKV_AWS_95'],
    reason: CHECKOV_COVERS,
  },
  {
    id: 'SFP-DDB-001',
    title: 'Tables have point-in-time recovery on',
    checkov: ['CKV_AWS_28'],
    reason: CHECKOV_COVERS,
  },
  {
    id: 'SFP-LOGS-001',
    title: 'Log groups set a retention period',
    checkov: ['CKV_AWS_66'],
    reason: CHECKOV_COVERS,
  },
  {
    id: 'SFP-SQS-001',
    title: 'Queues are encrypted at rest',
    checkov: [],
    reason:
      'No service has a queue. checkov’s CKV_AWS_27 (a KMS key on every queue) applies to the first one; it is stricter than this rule, which also accepted SQS-managed encryption.',
  },
  {
    id: 'SFP-SQS-002',
    title: 'Queues have a dead-letter queue',
    checkov: [],
    reason: 'No service has a queue; the rule would return with the first service that needs one.',
  },
  {
    id: 'SFP-S3-001',
    title: 'Buckets block public access',
    checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    reason: CHECKOV_COVERS,
  },
];

/** checkov's check ids (`CKV_AWS_115`, `CKV2_AWS_5`): suppressions that checkov, not this checker, honours. */
export const CHECKOV_ID = /^CKV2?_[A-Z]+_\d+$/;
