import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { defineRoute } from '../src';
import { describeOpenApiContract, openApiText, routeDifferences } from '../src/testing';

const routes = [
  defineRoute({
    routeKey: 'GET /x/health',
    summary: 'h',
    scopes: [],
    public: true,
    responses: { 200: { description: 'ok' } },
  }),
  defineRoute({
    routeKey: 'PUT /x/things/{id}',
    summary: 'put',
    scopes: ['x:write'],
    path: z.object({ id: z.string() }),
    responses: { 200: { description: 'ok' } },
  }),
];

/** The routes above, as a serverless.yml declares them. */
const AGREEING_FUNCTIONS = [
  '  health:',
  '    events:',
  '      - httpApi: { method: GET, path: /health }',
  '  put:',
  '    events:',
  "      - httpApi: { method: PUT, path: '/things/{id}', authorizer: { name: jwt, scopes: [x:write] } }",
];

function serverlessYml(lines: string[], dir = mkdtempSync(join(tmpdir(), 'routes-'))): string {
  const file = join(dir, 'serverless.yml');
  writeFileSync(file, ['service: x', 'functions:', ...lines].join('\n'));
  return file;
}

describe('routeDifferences', () => {
  it('is empty when serverless.yml and the routes agree', () => {
    const file = serverlessYml(AGREEING_FUNCTIONS);
    expect(routeDifferences(file, routes)).toEqual([]);
  });

  it('names missing, undocumented and differently scoped routes', () => {
    const file = serverlessYml([
      '  put:',
      '    events:',
      "      - httpApi: { method: PUT, path: '/things/{id}', authorizer: { name: jwt, scopes: [x:read] } }",
      '  extra:',
      '    events:',
      '      - httpApi: { method: DELETE, path: /all }',
    ]);
    expect(routeDifferences(file, routes)).toEqual([
      'GET /x/health: documented, not in serverless.yml',
      'PUT /x/things/{id}: serverless.yml scopes [x:read], documented [x:write]',
      'DELETE /x/all: in serverless.yml (extra), not documented',
    ]);
  });
});

describe('openApiText', () => {
  it('renders the generated document as YAML under a do-not-edit header', () => {
    const text = openApiText({ title: 'x', version: '1.0.0' }, routes);
    expect(text.split('\n')[0]).toMatch(/^# Generated from src\/api\/routes\.ts/);
    expect(text).toContain('openapi: 3.1.0');
    expect(text).toContain('/x/things/{id}:');
  });
});

describe('describeOpenApiContract, on a service whose openapi.yaml and serverless.yml agree', () => {
  const serviceDir = mkdtempSync(join(tmpdir(), 'contract-'));
  const info = { title: 'x', version: '1.0.0' };
  writeFileSync(join(serviceDir, 'openapi.yaml'), openApiText(info, routes));
  serverlessYml(AGREEING_FUNCTIONS, serviceDir);
  // Declares the two contract tests here; they pass only if both files are read and compared.
  describeOpenApiContract({ serviceDir, info, routes });
});
