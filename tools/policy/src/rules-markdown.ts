import type { RuleDefinition } from './rule';
import { ALL_RULES } from './rule-catalog';

/** Heading of each rule area, by the `<AREA>` part of the ID. */
const AREA_TITLES: Record<string, string> = {
  IAM: 'IAM',
  LAMBDA: 'Lambda',
  APIGW: 'API Gateway (HTTP API)',
  DDB: 'DynamoDB',
  LOGS: 'CloudWatch Logs',
  TAG: 'Tags',
  SQS: 'SQS',
  S3: 'S3',
  POLICY: 'Suppressions and allow-lists',
};

const areaOf = (rule: RuleDefinition) => rule.id.split('-')[1] ?? '';

/** A Markdown table with every column padded to its widest cell, as Prettier writes it. */
function table(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows].map((row) => row.map((cell) => cell.replace(/\|/g, '\\|')));
  const widths = header.map((_, column) => Math.max(3, ...all.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const [head = [], ...body] = all;
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)];
}

const codeList = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(', ');

function ruleSection(rule: RuleDefinition): string[] {
  const { cdkNag, checkov, cfnNag, nist80053 } = rule.mappings;
  const none = 'none';
  return [
    `### ${rule.id}`,
    '',
    `**${rule.title}**`,
    '',
    `- Severity: ${rule.severity}`,
    `- Resource types: ${codeList(rule.resourceTypes)}`,
    `- cdk-nag: ${cdkNag.length > 0 ? codeList(cdkNag) : none}`,
    `- checkov: ${checkov.length > 0 ? codeList(checkov) : none}`,
    `- cfn-nag: ${cfnNag.length > 0 ? codeList(cfnNag) : none}`,
    `- NIST SP 800-53 rev. 5: ${nist80053.join(', ')}`,
    '',
    rule.description,
    '',
    `Remediation: ${rule.remediation}`,
    '',
  ];
}

/**
 * `docs/policy.md`: every rule with its ID, title, severity, resource types, mappings and
 * remediation, generated from the rule definitions (`npm run -s policy -- --docs`).
 *
 * @example
 * writeFileSync('docs/policy.md', renderRulesMarkdown());
 */
export function renderRulesMarkdown(rules: readonly RuleDefinition[] = ALL_RULES): string {
  const areas = [...new Set(rules.map(areaOf))];
  const lines = [
    '# IaC policy rules',
    '',
    '<!-- Generated from tools/policy/src/rules by `npm run -s policy -- --docs > docs/policy.md`. Do not edit:',
    '     the policy tests fail when this file differs from the rule definitions. -->',
    '',
    '`tools/policy` checks the packaged CloudFormation template of each service (`serverless package`) against',
    'the rules below. IDs never change once published. Every unsuppressed finding fails the check, whatever its',
    'severity. How to run it, suppress a finding with a reason, and read the SARIF output:',
    '[tools/policy/README.md](../tools/policy/README.md).',
    '',
    `${rules.length} rules:`,
    '',
    ...table(
      ['ID', 'Severity', 'Title'],
      rules.map((rule) => [`[${rule.id}](#${rule.id.toLowerCase()})`, rule.severity, rule.title]),
    ),
    '',
  ];
  for (const area of areas) {
    lines.push(`## ${AREA_TITLES[area] ?? area}`, '');
    for (const rule of rules.filter((candidate) => areaOf(candidate) === area))
      lines.push(...ruleSection(rule));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
