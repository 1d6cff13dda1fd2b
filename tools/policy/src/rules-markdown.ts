import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKOV_RESULTS, checkovVerdict } from './checkov-comparison';
import { RETIRED_RULES, type RetiredRule } from './retired-rules';
import type { RuleDefinition } from './rule';
import { ALL_RULES } from './rule-catalog';

/** A checkov check the platform waives for every service (tools/serverless-plugin/src/checkov-waivers.json). */
export interface PlatformWaiver {
  id: string;
  type: string;
  resource?: string;
  reason: string;
}

/** The platform's checkov waivers, read from the serverless plugin that writes them into every template. */
export function readPlatformWaivers(workspaceRoot: string): PlatformWaiver[] {
  const path = join(workspaceRoot, 'tools', 'serverless-plugin', 'src', 'checkov-waivers.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { waivers: PlatformWaiver[] }).waivers;
}

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
  CONFIG: 'Stage configuration',
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

/** The side-by-side table: every rule, active or retired, and what checkov makes of its fixtures. */
function comparisonTable(rules: readonly RuleDefinition[], retired: readonly RetiredRule[]): string[] {
  const rows = [
    ...rules.map((rule) => ({ id: rule.id, title: rule.title, active: true, checks: rule.mappings.checkov })),
    ...retired.map((rule) => ({ id: rule.id, title: rule.title, active: false, checks: rule.checkov })),
  ].filter((row) => !row.id.startsWith('SFP-POLICY-'));
  return table(
    ['Rule', 'Fault it catches', 'tools/policy', 'checkov checks', 'checkov on the fixtures'],
    rows.map((row) => {
      const result = CHECKOV_RESULTS[row.id];
      const verdict = result ? checkovVerdict(row.checks, result) : 'not measured';
      const counted = result && row.checks.length > 0 ? ` (${result.caught} of ${result.faults})` : '';
      return [
        row.active ? `[${row.id}](#${row.id.toLowerCase()})` : row.id,
        row.title,
        row.active ? 'checks it' : 'retired',
        row.checks.length > 0 ? codeList(row.checks) : '—',
        `${verdict}${counted}`,
      ];
    }),
  );
}

/** Options of {@link renderRulesMarkdown}. */
interface RulesMarkdownOptions {
  rules?: readonly RuleDefinition[];
  retired?: readonly RetiredRule[];
  waivers?: readonly PlatformWaiver[];
}

/**
 * `docs/policy.md`: every rule with its ID, title, severity, resource types, mappings and
 * remediation, checkov side by side with the rules (measured on their fixtures), the checkov
 * checks the platform waives and the retired rules; generated from the definitions
 * (`npm run -s policy -- --docs`).
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('docs/policy.md', renderRulesMarkdown({ waivers: readPlatformWaivers(process.cwd()) }));
 */
export function renderRulesMarkdown(options: RulesMarkdownOptions = {}): string {
  const rules = options.rules ?? ALL_RULES;
  const retired = options.retired ?? RETIRED_RULES;
  const waivers = options.waivers ?? [];
  const areas = [...new Set(rules.map(areaOf))];
  const lines = [
    '# IaC policy rules',
    '',
    '<!-- Generated from tools/policy/src by `npm run -s policy -- --docs > docs/policy.md`. Do not edit:',
    '     the policy tests fail when this file differs from the rule definitions. -->',
    '',
    'Two checkers read the packaged CloudFormation template of each service (`serverless package`), in',
    '`make validate` and again on the promoted packages (`make check-packages`): [checkov](#checkov-side-by-side),',
    'for the checks it keeps, and `tools/policy`, for the rules below, which are the platform’s own or which',
    'checkov does not catch the same way. Both write SARIF into the evidence. Every unsuppressed finding of',
    'either fails the build, whatever its severity. Rule IDs never change once published. How to run the',
    'checker, suppress a finding with a reason (in both tools), and read the SARIF:',
    '[tools/policy/README.md](../tools/policy/README.md).',
    '',
    `${rules.length} rules:`,
    '',
    ...table(
      ['ID', 'Severity', 'Title'],
      rules.map((rule) => [`[${rule.id}](#${rule.id.toLowerCase()})`, rule.severity, rule.title]),
    ),
    '',
    '## checkov side by side',
    '',
    'Each rule has fixtures: templates that show its fault and templates that show it fixed',
    '(`tools/policy/tests/fixtures/rules/<ID>`). checkov runs over the same fixtures, and the table says which',
    'faults the checkov checks the rule maps to catch: **same** (every fault, no fixed template failed: the',
    'rule is retired in favour of checkov), **stricter** (every fault, but also fails a template the platform',
    'accepts), **partly**, **misses**, or **no check** (checkov has none). `tools/policy/tests/checkov-comparison.test.ts`',
    'measures it again on every test run and fails when this table is out of date.',
    '',
    ...comparisonTable(rules, retired),
    '',
    '### checkov checks the platform waives',
    '',
    'These checks do not fit how every service is built. The serverless plugin writes each into the matching',
    'resources of every packaged template (`Metadata.checkov.skip`, the reason as the comment), so checkov',
    'reports them as skipped with the reason, and its SARIF as suppressed. A service suppresses a checkov check',
    'of its own the same way as a rule: `custom.policy.suppress` with the check id, the resource and a reason.',
    '',
    ...table(
      ['Check', 'Resources', 'Reason'],
      waivers.map((waiver) => [
        `\`${waiver.id}\``,
        waiver.resource ? `\`${waiver.resource}\` (\`${waiver.type}\`)` : `every \`${waiver.type}\``,
        waiver.reason,
      ]),
    ),
    '',
  ];
  for (const area of areas) {
    lines.push(`## ${AREA_TITLES[area] ?? area}`, '');
    for (const rule of rules.filter((candidate) => areaOf(candidate) === area))
      lines.push(...ruleSection(rule));
  }
  lines.push(
    '## Retired rules',
    '',
    'A retired rule keeps its ID out of reuse. A suppression that still names one is reported (SFP-POLICY-002)',
    'with the checkov check to suppress instead.',
    '',
    ...table(
      ['ID', 'Title', 'Replaced by', 'Why'],
      retired.map((rule) => [
        rule.id,
        rule.title,
        rule.checkov.length > 0 ? codeList(rule.checkov) : '—',
        rule.reason,
      ]),
    ),
    '',
  );
  return `${lines.join('\n').trimEnd()}\n`;
}
