import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readServerlessRoutes } from '@platform/testing';
import { stringify } from 'yaml';
import { type ApiRoute, openApiDocument } from '../openapi';

/**
 * The text of a service's `openapi.yaml`, generated from its routes: what the checked-in file must
 * equal (write it with `UPDATE_OPENAPI=1`).
 *
 * @example
 * declare const routes: readonly ApiRoute[]; // the service's routes
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
 * declare const routes: readonly ApiRoute[]; // the service's routes
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

/** Where {@link describeOpenApiContract} finds a service's files. */
export interface OpenApiContractOptions {
  /** The service folder, holding `openapi.yaml` and `serverless.yml`. */
  serviceDir: string;
  info: { title: string; version: string; description?: string };
  routes: readonly ApiRoute[];
}

/**
 * Declares a service's two contract tests (jest): `openapi.yaml` is exactly {@link openApiText} of
 * its routes (`UPDATE_OPENAPI=1` rewrites it), and `serverless.yml` exposes exactly those routes with
 * the same scopes ({@link routeDifferences}).
 *
 * @example
 * declare const routes: readonly ApiRoute[]; // the service's routes
 * describeOpenApiContract({ serviceDir: join(__dirname, '..'), info: { title: 'catalog', version: '1.0.0' }, routes });
 */
export function describeOpenApiContract({ serviceDir, info, routes }: OpenApiContractOptions): void {
  const openapiPath = join(serviceDir, 'openapi.yaml');
  describe('openapi.yaml', () => {
    it('is exactly what the zod schemas of src/api/routes.ts generate', () => {
      const generated = openApiText(info, routes);
      if (process.env['UPDATE_OPENAPI'] === '1') writeFileSync(openapiPath, generated);
      expect(readFileSync(openapiPath, 'utf8')).toBe(generated);
    });

    it('documents exactly the routes serverless.yml exposes, with the same scopes', () => {
      expect(routeDifferences(join(serviceDir, 'serverless.yml'), routes)).toEqual([]);
    });
  });
}
