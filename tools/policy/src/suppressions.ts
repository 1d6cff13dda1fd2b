import type { Finding } from './finding';
import { renderString } from './intrinsics';
import type { SuppressionEntry } from './platform-metadata';
import { CHECKOV_ID, RETIRED_RULES } from './retired-rules';
import type { RuleDefinition } from './rule';
import { normalizeRouteKey } from './route-keys';
import {
  publicRouteExists,
  suppressionHasReason,
  suppressionNamesKnownRule,
  suppressionNamesPresentResource,
  suppressionSuppressesSomething,
} from './rules/suppression';
import type { TemplateContext } from './template-context';

const metaFinding = (rule: RuleDefinition, entry: SuppressionEntry, message: string): Finding => ({
  ruleId: rule.id,
  level: rule.severity,
  message,
  subject: { kind: 'suppression', index: entry.index, resource: entry.resource },
});

const describeEntry = (entry: SuppressionEntry) =>
  `suppression ${entry.index + 1} (${entry.id ?? 'no id'}${entry.resource ? ` on ${entry.resource}` : ''})`;

/**
 * Applies the template's suppressions (`Metadata.Platform.policy.suppress`) to its findings and
 * checks the suppressions themselves. A suppression with a reason marks the findings it covers
 * (all resources when it names none); one without a reason, naming an unknown or retired rule or
 * an absent resource, or covering nothing, is reported instead. Suppressions of checkov checks
 * (`CKV_AWS_…`) are checked for a reason and an existing resource; checkov applies them. Returns the findings followed by those reports.
 *
 * @param suppressible IDs of the rules whose findings may be suppressed.
 */
export function applySuppressions(
  findings: readonly Finding[],
  context: TemplateContext,
  suppressible: ReadonlySet<string>,
): Finding[] {
  const result = findings.map((finding) => ({ ...finding }));
  const reports: Finding[] = [];
  for (const entry of context.platform.suppressions) {
    const forCheckov = entry.id !== undefined && CHECKOV_ID.test(entry.id);
    if (!forCheckov && (entry.id === undefined || !suppressible.has(entry.id))) {
      reports.push(
        metaFinding(suppressionNamesKnownRule, entry, `${describeEntry(entry)} ${unknownRule(entry.id)}`),
      );
      continue;
    }
    if (entry.reason === undefined) {
      reports.push(
        metaFinding(
          suppressionHasReason,
          entry,
          `${describeEntry(entry)} gives no reason, so it suppresses nothing`,
        ),
      );
      continue;
    }
    if (entry.resource !== undefined && !context.resource(entry.resource)) {
      reports.push(
        metaFinding(
          suppressionNamesPresentResource,
          entry,
          `${describeEntry(entry)} names ${entry.resource}, which is not a resource of this template`,
        ),
      );
      continue;
    }
    // checkov honours its own suppressions (the plugin writes them into the resources' metadata) and
    // reports what they do not cover; whether one is stale only checkov can tell.
    if (forCheckov) continue;
    const covered = result.filter(
      (finding) =>
        finding.ruleId === entry.id &&
        (entry.resource === undefined ||
          (finding.subject.kind === 'resource' && finding.subject.id === entry.resource)),
    );
    if (covered.length === 0) {
      reports.push(
        metaFinding(
          suppressionSuppressesSomething,
          entry,
          `${describeEntry(entry)} suppresses nothing: the rule does not fire there`,
        ),
      );
    }
    for (const finding of covered) finding.suppression ??= { reason: entry.reason };
  }
  return [...result, ...reports, ...checkPublicRoutes(context)];
}

/** Why a suppression's id names no rule it may suppress. */
function unknownRule(id: string | undefined): string {
  if (id === undefined) return 'has no rule id';
  if (id.startsWith('SFP-POLICY-'))
    return `names ${id}, a rule about suppressions, which cannot be suppressed`;
  const retired = RETIRED_RULES.find((rule) => rule.id === id);
  if (!retired) return `names ${id}, which is not a rule`;
  return retired.checkov.length > 0
    ? `names ${id}, a retired rule: checkov checks it now, so suppress ${retired.checkov.join(' or ')} instead`
    : `names ${id}, a retired rule: remove the entry`;
}

/** Reports `publicRoutes` entries that match no route of the template. */
function checkPublicRoutes(context: TemplateContext): Finding[] {
  const routes = new Set(
    context.ofType('AWS::ApiGatewayV2::Route').flatMap(([, route]) => {
      const key = renderString(route.Properties.RouteKey);
      return key?.exact ? [normalizeRouteKey(key.text)] : [];
    }),
  );
  return context.platform.publicRoutes
    .filter((route) => !routes.has(normalizeRouteKey(route)))
    .map((route) => ({
      ruleId: publicRouteExists.id,
      level: publicRouteExists.severity,
      message: `public route "${route}" matches no route of this template`,
      subject: { kind: 'public-route', route },
    }));
}
