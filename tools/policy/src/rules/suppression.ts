import type { RuleDefinition } from '../rule';

const METADATA = ['Metadata'];
const SUPPRESSION_MAPPINGS = { cdkNag: [], checkov: [], cfnNag: [], nist80053: ['CA-7', 'RA-7'] };

export const suppressionHasReason: RuleDefinition = {
  id: 'SFP-POLICY-001',
  title: 'Every suppression gives a reason',
  severity: 'error',
  resourceTypes: METADATA,
  description:
    'A suppression is an accepted risk; the reason is what a reviewer reads to accept it. A suppression ' +
    'without one is reported and suppresses nothing.',
  remediation:
    'Add `reason:` to the entry of `custom.policy.suppress`, saying why the finding does not apply or is accepted.',
  mappings: SUPPRESSION_MAPPINGS,
};

export const suppressionNamesKnownRule: RuleDefinition = {
  id: 'SFP-POLICY-002',
  title: 'Every suppression names a rule that exists and can be suppressed',
  severity: 'error',
  resourceTypes: METADATA,
  description: 'A typo in a rule id suppresses nothing and hides that the real finding is still open.',
  remediation: 'Use an ID from docs/policy.md; SFP-POLICY rules cannot be suppressed.',
  mappings: SUPPRESSION_MAPPINGS,
};

export const suppressionNamesPresentResource: RuleDefinition = {
  id: 'SFP-POLICY-003',
  title: 'Every suppression names a resource of the template',
  severity: 'warning',
  resourceTypes: METADATA,
  description: 'A suppression for a resource that was renamed or removed is stale and should go.',
  remediation:
    'Use the logical id from the packaged template (for example `HealthLambdaFunction`), or remove the entry.',
  mappings: SUPPRESSION_MAPPINGS,
};

export const suppressionSuppressesSomething: RuleDefinition = {
  id: 'SFP-POLICY-004',
  title: 'Every suppression suppresses a finding',
  severity: 'warning',
  resourceTypes: METADATA,
  description:
    'A suppression that matches no finding is stale: the issue was fixed, or the entry points at the wrong place.',
  remediation: 'Remove the entry from `custom.policy.suppress`.',
  mappings: SUPPRESSION_MAPPINGS,
};

export const publicRouteExists: RuleDefinition = {
  id: 'SFP-POLICY-005',
  title: 'Every allow-listed public route exists',
  severity: 'warning',
  resourceTypes: METADATA,
  description:
    'An entry of `custom.policy.publicRoutes` that matches no route would silently make a future route public.',
  remediation: 'Remove the entry, or correct it to the route key (`GET /catalog/products`).',
  mappings: SUPPRESSION_MAPPINGS,
};

/** Rules about the suppressions and allow-lists themselves. Their findings cannot be suppressed. */
export const SUPPRESSION_RULES: readonly RuleDefinition[] = [
  suppressionHasReason,
  suppressionNamesKnownRule,
  suppressionNamesPresentResource,
  suppressionSuppressesSomething,
  publicRouteExists,
];
