import type { Finding } from './finding';
import { renderString } from './intrinsics';
import type { SuppressionEntry } from './platform-metadata';
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
 * (all resources when it names none); one without a reason, naming an unknown rule or an absent
 * resource, or covering nothing, is reported instead. Returns the findings followed by those reports.
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
    if (entry.id === undefined || !suppressible.has(entry.id)) {
      const problem =
        entry.id === undefined
          ? 'has no rule id'
          : entry.id.startsWith('SFP-POLICY-')
            ? `names ${entry.id}, a rule about suppressions, which cannot be suppressed`
            : `names ${entry.id}, which is not a rule`;
      reports.push(metaFinding(suppressionNamesKnownRule, entry, `${describeEntry(entry)} ${problem}`));
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
