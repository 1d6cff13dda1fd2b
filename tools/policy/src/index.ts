/**
 * @platform/policy — IaC policy checker over packaged CloudFormation templates: rules with stable
 * IDs, suppressions only with reasons, table / JSON / SARIF 2.1.0 output. The command is
 * `npm run -s policy -- …` (src/cli.ts); this barrel is the programmatic surface.
 */
export { checkTemplate } from './check-template';
export { InvalidTemplateError, PolicyError, TemplateReadError, UsageError } from './errors';
export type { Finding, FindingSubject } from './finding';
export { formatJson } from './format-json';
export { formatTable } from './format-table';
export { countFindings, runPolicy, type FindingCounts, type TemplateResult } from './policy-run';
export type { ResourceRule, RuleDefinition, RuleMappings, Severity, Violation } from './rule';
export { ALL_RULES, findRule, RESOURCE_RULES } from './rule-catalog';
export { renderRulesMarkdown } from './rules-markdown';
export { runCli } from './run-cli';
export { toSarif, type SarifLog } from './sarif';
export { parseTemplate, type CfnTemplate } from './template';
