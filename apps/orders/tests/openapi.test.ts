import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '@platform/http';
import { readServerlessRoutes } from '@platform/testing';
import { stringify } from 'yaml';
import { routes } from '../src/api/routes';

const openapiPath = join(__dirname, '../openapi.yaml');
const generated = `# Generated from src/api/routes.ts by tests/openapi.test.ts (UPDATE_OPENAPI=1 to rewrite). Do not edit.\n${stringify(
  openApiDocument(
    { title: 'orders', version: '1.0.0', description: 'Idempotent order placement (API.md "orders").' },
    routes,
  ),
  { lineWidth: 0 },
)}`;

describe('openapi.yaml', () => {
  it('is exactly what the zod schemas of src/api/routes.ts generate', () => {
    if (process.env['UPDATE_OPENAPI'] === '1') writeFileSync(openapiPath, generated);
    expect(readFileSync(openapiPath, 'utf8')).toBe(generated);
  });

  it('documents exactly the routes serverless.yml exposes, with the same scopes', () => {
    const declared = readServerlessRoutes(join(__dirname, '../serverless.yml'));
    expect(declared.map((r) => r.routeKey).sort()).toEqual(routes.map((r) => r.routeKey).sort());
    for (const route of routes) {
      expect(declared.find((r) => r.routeKey === route.routeKey)?.scopes ?? []).toEqual([...route.scopes]);
    }
  });
});
