import { isJsonObject, objectAt } from './json-value';
import type { CfnTemplate } from './template';

/**
 * One entry of `custom.policy.suppress` in a service's serverless.yml, as carried into the
 * template. Fields keep only values of the right type; a missing or blank one is `undefined`.
 */
export interface SuppressionEntry {
  /** Position in the `suppress` list, so a finding about the entry can point at it. */
  index: number;
  id?: string;
  resource?: string;
  reason?: string;
}

/**
 * What the platform serverless plugin writes into `Metadata.Platform` of a packaged template.
 * Every field is optional: templates packaged before the plugin wrote it have none.
 */
export interface PlatformMetadata {
  service?: string;
  stage?: string;
  /** The service's serverless.yml, relative to the workspace root. */
  source?: string;
  suppressions: SuppressionEntry[];
  /** Extra public routes (`GET /catalog/health` is always public), as route keys. */
  publicRoutes: string[];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * Reads `Metadata.Platform` of a template, tolerating any missing or malformed part.
 *
 * @example
 * declare const template: CfnTemplate;
 * readPlatformMetadata(template).suppressions; // [{ index: 0, id: 'CKV_AWS_115', reason: '…' }]
 */
export function readPlatformMetadata(template: CfnTemplate): PlatformMetadata {
  const platform = objectAt(template.Metadata, 'Platform');
  const policy = objectAt(platform, 'policy');
  const suppress = policy?.suppress;
  const routes = policy?.publicRoutes;
  return {
    service: text(platform?.service),
    stage: text(platform?.stage),
    source: text(platform?.source),
    suppressions: (Array.isArray(suppress) ? suppress : []).map((entry: unknown, index) =>
      isJsonObject(entry)
        ? { index, id: text(entry.id), resource: text(entry.resource), reason: text(entry.reason) }
        : { index },
    ),
    publicRoutes: (Array.isArray(routes) ? routes : []).flatMap((route: unknown) => {
      const value = text(route);
      return value ? [value] : [];
    }),
  };
}
