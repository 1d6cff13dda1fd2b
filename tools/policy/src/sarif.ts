import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findingResource, subjectKey } from './finding';
import type { TemplateResult } from './policy-run';
import type { RuleDefinition, Severity } from './rule';
import { ALL_RULES } from './rule-catalog';
import type { LocatedFinding, SourceLocation } from './source-locations';

/** The `uriBaseId` of every relative location: the workspace root (GitHub code scanning's convention). */
export const SARIF_ROOT_BASE_ID = '%SRCROOT%';

/** The parts of a SARIF 2.1.0 log this tool writes. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

interface SarifMessage {
  text: string;
  markdown?: string;
}

interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region: { startLine: number };
}

interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  defaultConfiguration: { level: Severity };
  properties: Record<string, unknown> & { tags: string[] };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Severity;
  message: SarifMessage;
  locations: Array<{
    physicalLocation: SarifPhysicalLocation;
    logicalLocations?: Array<{ name: string; kind: string; fullyQualifiedName: string }>;
  }>;
  relatedLocations?: Array<{ id: number; message: SarifMessage; physicalLocation: SarifPhysicalLocation }>;
  partialFingerprints: Record<string, string>;
  suppressions?: Array<{ kind: 'inSource'; status: 'accepted'; justification: string }>;
  properties: Record<string, unknown>;
}

interface SarifRun {
  tool: { driver: { name: string; fullName: string; version: string; rules: SarifReportingDescriptor[] } };
  originalUriBaseIds: Record<string, { uri: string }>;
  results: SarifResult[];
}

/** GitHub code scanning ranks security results by this score (0–10). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', note: '2.0' };

/** `IAM policies grant no \`*\` action` → `IamPoliciesGrantNoAction`. */
function ruleName(title: string): string {
  return title
    .replace(/`[^`]*[^A-Za-z0-9`\s][^`]*`/g, ' ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join('');
}

function mappingLines(rule: RuleDefinition): string[] {
  const { cdkNag, checkov, cfnNag, nist80053 } = rule.mappings;
  return [
    ...(cdkNag.length > 0 ? [`cdk-nag: ${cdkNag.join(', ')}`] : []),
    ...(checkov.length > 0 ? [`checkov: ${checkov.join(', ')}`] : []),
    ...(cfnNag.length > 0 ? [`cfn_nag: ${cfnNag.join(', ')}`] : []),
    `NIST SP 800-53 rev. 5: ${nist80053.join(', ')}`,
  ];
}

function ruleDescriptor(rule: RuleDefinition): SarifReportingDescriptor {
  const area = rule.id.split('-')[1]?.toLowerCase() ?? 'policy';
  return {
    id: rule.id,
    name: ruleName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: {
      text: [`Remediation: ${rule.remediation}`, ...mappingLines(rule), 'Rule list: docs/policy.md'].join(
        '\n',
      ),
      markdown: [
        `**Remediation:** ${rule.remediation}`,
        '',
        ...mappingLines(rule).map((line) => `- ${line}`),
        '',
        `Resource types: ${rule.resourceTypes.map((type) => `\`${type}\``).join(', ')}. Rule list: \`docs/policy.md\`.`,
      ].join('\n'),
    },
    defaultConfiguration: { level: rule.severity },
    properties: {
      tags: ['security', 'iac', area, ...rule.mappings.nist80053.map((control) => `NIST-800-53:${control}`)],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: 'high',
      resourceTypes: [...rule.resourceTypes],
      cdkNag: [...rule.mappings.cdkNag],
      checkov: [...rule.mappings.checkov],
      cfnNag: [...rule.mappings.cfnNag],
      nist80053: [...rule.mappings.nist80053],
    },
  };
}

function physicalLocation(location: SourceLocation): SarifPhysicalLocation {
  const artifactLocation = isAbsolute(location.file)
    ? { uri: pathToFileURL(location.file).href }
    : { uri: encodeURI(location.file), uriBaseId: SARIF_ROOT_BASE_ID };
  return { artifactLocation, region: { startLine: location.line } };
}

function sarifResult(result: TemplateResult, finding: LocatedFinding, ruleIndex: number): SarifResult {
  const resource = findingResource(finding);
  const scope = [result.service, result.stage].filter(Boolean).join('-') || result.templateFile;
  const differentFiles = finding.location.file !== finding.templateLocation.file;
  const fingerprint = createHash('sha256')
    .update([finding.ruleId, result.templateFile, subjectKey(finding)].join('|'))
    .digest('hex');
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.level,
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: physicalLocation(finding.location),
        ...(resource
          ? {
              logicalLocations: [
                { name: resource, kind: 'resource', fullyQualifiedName: `${scope}/${resource}` },
              ],
            }
          : {}),
      },
    ],
    ...(differentFiles
      ? {
          relatedLocations: [
            {
              id: 1,
              message: { text: 'in the packaged template' },
              physicalLocation: physicalLocation(finding.templateLocation),
            },
          ],
        }
      : {}),
    partialFingerprints: { 'sfpPolicyFinding/v1': fingerprint },
    ...(finding.suppression
      ? {
          suppressions: [
            {
              kind: 'inSource' as const,
              status: 'accepted' as const,
              justification: finding.suppression.reason,
            },
          ],
        }
      : {}),
    properties: {
      template: result.templateFile,
      ...(finding.resourceType ? { resourceType: finding.resourceType } : {}),
    },
  };
}

/**
 * The results as a SARIF 2.1.0 log: one run, every rule's metadata (help text, tags with the NIST
 * control IDs, the matching cdk-nag / checkov / cfn_nag IDs), and a result per finding located in
 * the service's serverless.yml (relative to {@link SARIF_ROOT_BASE_ID}) when known, else in the
 * template. Suppressed findings are included with a `suppressions` entry carrying the reason.
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 * import { runPolicy } from './policy-run';
 * const root = process.cwd();
 * const results = runPolicy(['dist'], { cwd: root, root });
 * writeFileSync('reports/policy.sarif', JSON.stringify(toSarif(results, { root }), null, 2));
 */
export function toSarif(
  results: readonly TemplateResult[],
  options: { root: string; version?: string; rules?: readonly RuleDefinition[] },
): SarifLog {
  const rules = options.rules ?? ALL_RULES;
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]));
  const rootUri = pathToFileURL(options.root.endsWith('/') ? options.root : `${options.root}/`).href;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sfp-policy',
            fullName: 'Serverless Factory IaC policy checker (@platform/policy)',
            version: options.version ?? '0.0.0',
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SARIF_ROOT_BASE_ID]: { uri: rootUri } },
        results: results.flatMap((result) =>
          result.findings.map((finding) => sarifResult(result, finding, indexOf.get(finding.ruleId) ?? -1)),
        ),
      },
    ],
  };
}
