import { RETIRED_RULES } from '../src/retired-rules';
import { ALL_RULES, findRule, RESOURCE_RULES } from '../src/rule-catalog';

/**
 * The published IDs. IDs never change once published: a rule may be added (append it here), never
 * renamed or renumbered; a retired rule (src/retired-rules.ts) keeps its ID out of reuse.
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
  'SFP-IAM-009',
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
  it('accounts for every published ID, in order, as either an active or a retired rule', () => {
    const active = ALL_RULES.map((rule) => rule.id);
    const retired = RETIRED_RULES.map((rule) => rule.id);
    expect(active.filter((id) => retired.includes(id))).toEqual([]);
    expect(active).toEqual(PUBLISHED_IDS.filter((id) => !retired.includes(id)));
    expect(retired.filter((id) => !PUBLISHED_IDS.includes(id))).toEqual([]);
  });

  it('uses the SFP-<AREA>-<NNN> scheme', () => {
    expect(ALL_RULES.filter((rule) => !/^SFP-[A-Z0-9]+-\d{3}$/.test(rule.id)).map((rule) => rule.id)).toEqual(
      [],
    );
  });

  it.each(ALL_RULES.map((rule) => [rule.id, rule] as const))(
    '%s has a title, a known severity, resource types, a description, a remediation and well-formed mappings',
    (_id, rule) => {
      for (const text of [rule.title, rule.description, rule.remediation]) expect(text.trim()).not.toBe('');
      expect(['error', 'warning', 'note']).toContain(rule.severity);
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
      expect(rule.resourceTypes.every((type) => /^AWS::\w+::\w+$/.test(type) || type === 'Metadata')).toBe(
        true,
      );
      expect(rule.mappings.nist80053.length).toBeGreaterThan(0);
      expect(rule.mappings.nist80053.every((control) => /^[A-Z]{2}-\d+(\(\d+\))?$/.test(control))).toBe(true);
      expect(rule.mappings.checkov.every((id) => /^CKV_AWS_\d+$/.test(id))).toBe(true);
      expect(rule.mappings.cfnNag.every((id) => /^[FW]\d+$/.test(id))).toBe(true);
      expect(
        rule.mappings.cdkNag.every((id) => /^(AwsSolutions|Serverless|NIST\.800\.53\.R5)-\w+$/.test(id)),
      ).toBe(true);
    },
  );

  it.each(RETIRED_RULES.map((rule) => [rule.id, rule] as const))(
    'retired %s says why, and what replaced it in checkov ids',
    (_id, rule) => {
      expect(rule.reason.trim()).not.toBe('');
      expect(rule.checkov.every((id) => /^CKV_AWS_\d+$/.test(id))).toBe(true);
      expect(findRule(rule.id)).toBeUndefined();
    },
  );

  it('finds rules by ID', () => {
    expect(findRule('SFP-DDB-002')?.title).toBe('Tables outside dev have deletion protection on');
    expect(findRule('SFP-NOPE-001')).toBeUndefined();
  });

  it('runs every rule but those about suppressions against resources', () => {
    expect(RESOURCE_RULES.map((rule) => rule.id)).toEqual(
      ALL_RULES.map((rule) => rule.id).filter((id) => !id.startsWith('SFP-POLICY-')),
    );
  });
});
