import type { TemplateContext } from './template-context';

/** How serious a finding is; the names are SARIF's `level` values. Any level fails the check. */
export type Severity = 'error' | 'warning' | 'note';

/** Where the same check lives in other tools, and the NIST SP 800-53 rev. 5 controls it supports. */
interface RuleMappings {
  cdkNag: readonly string[];
  checkov: readonly string[];
  cfnNag: readonly string[];
  nist80053: readonly string[];
}

/** The published description of a rule. IDs (`SFP-<AREA>-<NNN>`) never change once published. */
export interface RuleDefinition {
  id: string;
  title: string;
  severity: Severity;
  /** CloudFormation resource types the rule reads (`Metadata` for rules about the suppressions themselves). */
  resourceTypes: readonly string[];
  /** Why the rule exists, in a sentence or two. */
  description: string;
  /** What to change, in one line. */
  remediation: string;
  mappings: RuleMappings;
}

/** One resource breaking a rule. */
export interface Violation {
  /** Logical id of the offending resource. */
  resource: string;
  message: string;
}

/** A rule that inspects the resources of a template. */
export interface ResourceRule extends RuleDefinition {
  check(context: TemplateContext): Violation[];
}
