import { readServerlessRoutes } from '@platform/testing';
import { stringify } from 'yaml';
import { type ApiRoute, openApiDocument } from '../openapi';

/**
 * The text of a service's `openapi.yaml`, generated from its routes: what the checked-in file must
 * equal (write it with `UPDATE_OPENAPI=1`).
 *
 * @example
 * expect(readFileSync('openapi.yaml', 'utf8')).toBe(openApiText({ title: 'catalog', version: '1.0.0' }, routes));
 */
export function openApiText(
  info: { title: string; version: string; description?: string },
  routes: readonly ApiRoute[],
): string {
  return `# Generated from src/api/routes.ts by tests/openapi.test.ts (UPDATE_OPENAPI=1 to rewrite). Do not edit.\n${stringify(
    openApiDocument(info, routes),
    { lineWidth: 0 },
  )}`;
}

/**
 * Where a service's `serverless.yml` and its documented routes disagree: a route in one and not
 * the other, or different scopes on its JWT authorizer. Empty when they agree.
 *
 * @example
 * expect(routeDifferences('apps/catalog/serverless.yml', routes)).toEqual([]);
 */
export function routeDifferences(serverlessYml: string, routes: readonly ApiRoute[]): string[] {
  const declared = readServerlessRoutes(serverlessYml);
  const differences: string[] = [];
  for (const route of routes) {
    const match = declared.find((candidate) => candidate.routeKey === route.routeKey);
    if (!match) {
      differences.push(`${route.routeKey}: documented, not in serverless.yml`);
      continue;
    }
    const scopes = route.public ? [] : [...route.scopes];
    if (JSON.stringify([...match.scopes].sort()) !== JSON.stringify([...scopes].sort())) {
      differences.push(
        `${route.routeKey}: serverless.yml scopes [${match.scopes.join(' ')}], documented [${scopes.join(' ')}]`,
      );
    }
  }
  for (const route of declared) {
    if (!routes.some((candidate) => candidate.routeKey === route.routeKey)) {
      differences.push(`${route.routeKey}: in serverless.yml (${route.functionName}), not documented`);
    }
  }
  return differences;
}
