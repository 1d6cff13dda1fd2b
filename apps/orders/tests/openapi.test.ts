import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiText, routeDifferences } from '@platform/http/testing';
import { routes } from '../src/api/routes';

const openapiPath = join(__dirname, '../openapi.yaml');
const generated = openApiText(
  { title: 'orders', version: '1.0.0', description: 'Idempotent order placement (API.md "orders").' },
  routes,
);

describe('openapi.yaml', () => {
  it('is exactly what the zod schemas of src/api/routes.ts generate', () => {
    if (process.env['UPDATE_OPENAPI'] === '1') writeFileSync(openapiPath, generated);
    expect(readFileSync(openapiPath, 'utf8')).toBe(generated);
  });

  it('documents exactly the routes serverless.yml exposes, with the same scopes', () => {
    expect(routeDifferences(join(__dirname, '../serverless.yml'), routes)).toEqual([]);
  });
});
