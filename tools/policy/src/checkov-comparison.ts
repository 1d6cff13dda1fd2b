/**
 * What checkov reports on each rule's fixtures (tests/fixtures/rules/<ID>: the templates that show
 * the fault and the ones that show it fixed), counted with the checks the rule maps to checkov
 * (`mappings.checkov`; for a retired rule, the checks that replaced it). Measured by running
 * checkov over the fixtures: tests/checkov-comparison.test.ts fails when checkov (or a fixture)
 * changes and this table does not.
 */
export interface CheckovResult {
  /** Offending subjects in the rule's failing fixtures: the faults this checker reports. */
  faults: number;
  /** Of those, the ones on which at least one of the mapped checks fails. */
  caught: number;
  /** A mapped check also fails on a fixture the rule passes: checkov is stricter there. */
  failsPassing: boolean;
}

/** How checkov compares with a rule, in one word. */
export type CheckovVerdict = 'same' | 'stricter' | 'partly' | 'misses' | 'no check';

/**
 * The verdict for a rule: `same` when the mapped checks catch every fault and pass every fixed
 * template (such a rule is retired in favour of checkov), `stricter` when they catch every fault
 * but also fail fixed templates, `partly` / `misses` when they catch some / none.
 *
 * @example
 * checkovVerdict(['CKV_AWS_115'], { faults: 1, caught: 1, failsPassing: false }); // 'same'
 */
export function checkovVerdict(checks: readonly string[], result: CheckovResult): CheckovVerdict {
  if (checks.length === 0) return 'no check';
  if (result.caught === 0) return 'misses';
  if (result.caught < result.faults) return 'partly';
  return result.failsPassing ? 'stricter' : 'same';
}

/** Measured with checkov 3.3.30 (tools/python/requirements.in). */
export const CHECKOV_RESULTS: Readonly<Record<string, CheckovResult>> = {
  'SFP-APIGW-001': { faults: 4, caught: 0, failsPassing: false },
  'SFP-APIGW-002': { faults: 1, caught: 1, failsPassing: false },
  'SFP-APIGW-003': { faults: 2, caught: 0, failsPassing: false },
  'SFP-APIGW-004': { faults: 2, caught: 0, failsPassing: false },
  'SFP-CONFIG-001': { faults: 4, caught: 0, failsPassing: false },
  'SFP-DDB-001': { faults: 2, caught: 2, failsPassing: false },
  'SFP-DDB-002': { faults: 3, caught: 0, failsPassing: false },
  'SFP-DDB-003': { faults: 4, caught: 0, failsPassing: false },
  'SFP-DDB-004': { faults: 1, caught: 0, failsPassing: false },
  'SFP-DDB-005': { faults: 2, caught: 2, failsPassing: true },
  'SFP-IAM-001': { faults: 3, caught: 1, failsPassing: false },
  'SFP-IAM-002': { faults: 3, caught: 0, failsPassing: false },
  'SFP-IAM-003': { faults: 2, caught: 0, failsPassing: false },
  'SFP-IAM-004': { faults: 3, caught: 0, failsPassing: false },
  'SFP-IAM-005': { faults: 3, caught: 3, failsPassing: false },
  'SFP-IAM-006': { faults: 2, caught: 1, failsPassing: false },
  'SFP-IAM-007': { faults: 3, caught: 0, failsPassing: false },
  'SFP-IAM-008': { faults: 2, caught: 0, failsPassing: false },
  'SFP-IAM-009': { faults: 3, caught: 0, failsPassing: false },
  'SFP-LAMBDA-001': { faults: 3, caught: 1, failsPassing: false },
  'SFP-LAMBDA-002': { faults: 1, caught: 0, failsPassing: false },
  'SFP-LAMBDA-003': { faults: 1, caught: 0, failsPassing: false },
  'SFP-LAMBDA-004': { faults: 2, caught: 0, failsPassing: false },
  'SFP-LAMBDA-005': { faults: 3, caught: 0, failsPassing: false },
  'SFP-LAMBDA-006': { faults: 2, caught: 1, failsPassing: false },
  'SFP-LAMBDA-007': { faults: 1, caught: 1, failsPassing: false },
  'SFP-LAMBDA-008': { faults: 1, caught: 1, failsPassing: false },
  'SFP-LAMBDA-009': { faults: 2, caught: 0, failsPassing: false },
  'SFP-LAMBDA-010': { faults: 5, caught: 5, failsPassing: true },
  'SFP-LOGS-001': { faults: 1, caught: 1, failsPassing: false },
  'SFP-LOGS-002': { faults: 2, caught: 0, failsPassing: false },
  'SFP-POLICY-001': { faults: 1, caught: 0, failsPassing: false },
  'SFP-POLICY-002': { faults: 3, caught: 0, failsPassing: false },
  'SFP-POLICY-003': { faults: 1, caught: 0, failsPassing: false },
  'SFP-POLICY-004': { faults: 1, caught: 0, failsPassing: false },
  'SFP-POLICY-005': { faults: 1, caught: 0, failsPassing: false },
  'SFP-S3-001': { faults: 2, caught: 2, failsPassing: false },
  'SFP-S3-002': { faults: 2, caught: 0, failsPassing: false },
  'SFP-SQS-001': { faults: 2, caught: 0, failsPassing: false },
  'SFP-SQS-002': { faults: 1, caught: 0, failsPassing: false },
  'SFP-TAG-001': { faults: 4, caught: 0, failsPassing: false },
};
