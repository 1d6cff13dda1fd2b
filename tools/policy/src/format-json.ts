import { findingResource } from './finding';
import { countFindings, type TemplateResult } from './policy-run';
import { findRule } from './rule-catalog';
import type { LocatedFinding } from './source-locations';

function findingJson(templateFile: string, finding: LocatedFinding) {
  return {
    ruleId: finding.ruleId,
    title: findRule(finding.ruleId)?.title,
    level: finding.level,
    message: finding.message,
    template: templateFile,
    resource: findingResource(finding),
    resourceType: finding.resourceType,
    location: finding.location,
    templateLocation: finding.templateLocation,
    ...(finding.suppression ? { reason: finding.suppression.reason } : {}),
  };
}

/**
 * The report for machines: a summary, the failing findings, and the suppressed ones with their
 * reasons, as pretty-printed JSON.
 *
 * @example
 * import { runPolicy } from './policy-run';
 * const results = runPolicy(['dist'], { cwd: process.cwd(), root: process.cwd() });
 * JSON.parse(formatJson(results)).summary.errors; // 0
 */
export function formatJson(results: readonly TemplateResult[]): string {
  const all = results.flatMap((result) => result.findings.map((finding) => ({ result, finding })));
  const report = {
    summary: countFindings(results),
    templates: results.map(({ templateFile, service, stage, sourceFile }) => ({
      templateFile,
      service,
      stage,
      sourceFile,
    })),
    findings: all
      .filter(({ finding }) => !finding.suppression)
      .map(({ result, finding }) => findingJson(result.templateFile, finding)),
    suppressed: all
      .filter(({ finding }) => finding.suppression)
      .map(({ result, finding }) => findingJson(result.templateFile, finding)),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
