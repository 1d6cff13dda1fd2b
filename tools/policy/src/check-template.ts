import type { Finding } from './finding';
import { RESOURCE_RULES } from './rule-catalog';
import type { ResourceRule } from './rule';
import { applySuppressions } from './suppressions';
import type { CfnTemplate } from './template';
import { TemplateContext } from './template-context';

/**
 * Runs the rules over one template and applies its suppressions. Pure: no file access.
 * Returns every finding, suppressed ones included (they carry `suppression`), followed by the
 * findings about the suppressions and public-route entries themselves.
 *
 * @example
 * import { readFileSync } from 'node:fs';
 * import { parseTemplate } from './template';
 * const path = 'dist/catalog/prod/cloudformation-template-update-stack.json';
 * const findings = checkTemplate(parseTemplate(readFileSync(path, 'utf8'), path));
 * const failing = findings.filter((finding) => !finding.suppression);
 */
export function checkTemplate(
  template: CfnTemplate,
  rules: readonly ResourceRule[] = RESOURCE_RULES,
): Finding[] {
  const context = new TemplateContext(template);
  const findings = rules.flatMap((rule) =>
    rule.check(context).map((violation): Finding => ({
      ruleId: rule.id,
      level: rule.severity,
      message: `${violation.resource} ${violation.message}`,
      subject: { kind: 'resource', id: violation.resource },
      resourceType: context.resource(violation.resource)?.Type,
    })),
  );
  return applySuppressions(findings, context, new Set(RESOURCE_RULES.map((rule) => rule.id)));
}
