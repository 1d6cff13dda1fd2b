import { ALL_RULES, findRule, RESOURCE_RULES } from '../src/rule-catalog';

/**
 * The published IDs. IDs never change once published: a rule may be added (append it here), never
 * renamed or renumbered; a retired rule keeps its ID out of reuse.
 */
const PUBLISHED_IDS = [
  'SFP-IAM-001',
  'SFP-IAM-002',
  'SFP-IAM-003',
  'SFP-IAM-004',
  'SFP-IAM-005',
  'SFP-IAM-006',
  'SFP-IAM-007',
  'SFP-IAM-008',
  'SFP-LAMBDA-001',
  'SFP-LAMBDA-002',
  'SFP-LAMBDA-003',
  'SFP-LAMBDA-004',
  'SFP-LAMBDA-005',
  'SFP-LAMBDA-006',
  'SFP-LAMBDA-007',
  'SFP-LAMBDA-008',
  'SFP-LAMBDA-009',
  'SFP-LAMBDA-010',
  'SFP-APIGW-001',
  'SFP-APIGW-002',
  'SFP-APIGW-003',
  'SFP-APIGW-004',
  'SFP-DDB-001',
  'SFP-DDB-002',
  'SFP-DDB-003',
  'SFP-DDB-004',
  'SFP-DDB-005',
  'SFP-LOGS-001',
  'SFP-LOGS-002',
  'SFP-TAG-001',
  'SFP-SQS-001',
  'SFP-SQS-002',
  'SFP-S3-001',
  'SFP-S3-002',
  'SFP-CONFIG-001',
  'SFP-POLICY-001',
  'SFP-POLICY-002',
  'SFP-POLICY-003',
  'SFP-POLICY-004',
  'SFP-POLICY-005',
];

describe('the rule catalog', () => {
  it('keeps every published ID, in order, and has at least 25 rules', () => {
    expect(ALL_RULES.map((rule) => rule.id)).toEqual(PUBLISHED_IDS);
    expect(ALL_RULES.length).toBeGreaterThanOrEqual(25);
  });

  it('uses the SFP-<AREA>-<NNN> scheme', () => {
    expect(ALL_RULES.filter((rule) => !/^SFP-[A-Z0-9]+-\d{3}$/.test(rule.id)).map((rule) => rule.id)).toEqual(
      [],
    );
  });

  it.each(ALL_RULES.map((rule) => [rule.id, rule] as const))('%s is fully described', (_id, rule) => {
    expect(rule.title.length).toBeGreaterThan(10);
    expect(['error', 'warning', 'note']).toContain(rule.severity);
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
    expect(rule.resourceTypes.every((type) => /^AWS::\w+::\w+$/.test(type) || type === 'Metadata')).toBe(
      true,
    );
    expect(rule.description.length).toBeGreaterThan(30);
    expect(rule.remediation.length).toBeGreaterThan(20);
    expect(rule.mappings.nist80053.length).toBeGreaterThan(0);
    expect(rule.mappings.nist80053.every((control) => /^[A-Z]{2}-\d+(\(\d+\))?$/.test(control))).toBe(true);
    expect(rule.mappings.checkov.every((id) => /^CKV_AWS_\d+$/.test(id))).toBe(true);
    expect(rule.mappings.cfnNag.every((id) => /^[FW]\d+$/.test(id))).toBe(true);
    expect(
      rule.mappings.cdkNag.every((id) => /^(AwsSolutions|Serverless|NIST\.800\.53\.R5)-\w+$/.test(id)),
    ).toBe(true);
  });

  it('finds rules by ID', () => {
    expect(findRule('SFP-DDB-001')?.title).toBe('Tables have point-in-time recovery on');
    expect(findRule('SFP-NOPE-001')).toBeUndefined();
  });

  it('runs every rule but those about suppressions against resources', () => {
    expect(RESOURCE_RULES.map((rule) => rule.id)).toEqual(
      PUBLISHED_IDS.filter((id) => !id.startsWith('SFP-POLICY-')),
    );
  });
});
