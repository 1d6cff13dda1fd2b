import { z } from 'zod';
import { defineRoute, openApiDocument } from '../src';

const Item = z.object({ id: z.string(), size: z.number().int() });

const routes = [
  defineRoute({
    routeKey: 'GET /things/health',
    summary: 'Health',
    scopes: [],
    public: true,
    responses: { 200: { description: 'ok' } },
    problems: [503],
  }),
  defineRoute({
    routeKey: 'PUT /things/{id}',
    summary: 'Put a thing',
    scopes: ['things:write'],
    path: z.object({ id: z.string() }),
    query: z.object({ dryRun: z.coerce.boolean().optional() }),
    headers: z.object({ 'if-match': z.string().optional() }),
    body: z.strictObject({ size: z.number().int().min(1) }),
    responses: { 200: { description: 'Replaced', schema: Item, headers: ['ETag'] } },
    problems: [412, 422],
  }),
];

describe('openApiDocument', () => {
  const document = openApiDocument({ title: 'things', version: '1.0.0' }, routes) as {
    openapi: string;
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { schemas: Record<string, unknown> };
  };

  it('documents every route with its method, scopes and parameters', () => {
    expect(document.openapi).toBe('3.1.0');
    const put = document.paths['/things/{id}']?.['put'];
    expect(put?.['security']).toEqual([{ bearer: ['things:write'] }]);
    expect(put?.['parameters']).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'dryRun', in: 'query', required: false, schema: expect.objectContaining({ type: 'boolean' }) },
      { name: 'if-match', in: 'header', required: false, schema: { type: 'string' } },
    ]);
    expect(put?.['requestBody']).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { size: { type: 'integer', minimum: 1, maximum: expect.any(Number) } },
            required: ['size'],
            additionalProperties: false,
          },
        },
      },
    });
  });

  it('lists success responses with their headers, and the problems every authenticated route has with faults as 5XX', () => {
    const responses = document.paths['/things/{id}']?.['put']?.['responses'] as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.keys(responses).sort()).toEqual(['200', '401', '403', '412', '422', '5XX']);
    expect(responses['200']?.['headers']).toEqual({
      'x-correlation-id': expect.objectContaining({ required: true }),
      ETag: expect.objectContaining({
        required: true,
        schema: { type: 'string', pattern: '^"[1-9][0-9]*"$' },
      }),
    });
    expect(responses['412']?.['content']).toEqual({
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    });
    expect(responses['5XX']?.['description']).toBe(
      'A fault, not an answer to the request: 500 internal error',
    );
  });

  it('documents x-correlation-id on every response, problems included', () => {
    const responses = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).flatMap((operation) =>
        Object.values(operation['responses'] as Record<string, { headers?: Record<string, unknown> }>),
      ),
    );
    expect(responses.length).toBeGreaterThan(5);
    for (const response of responses) {
      expect(response.headers?.['x-correlation-id']).toEqual({
        description: expect.any(String),
        required: true,
        schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{8,128}$' },
      });
    }
  });

  it('marks public routes as needing no token', () => {
    const health = document.paths['/things/health']?.['get'];
    expect(health?.['security']).toEqual([]);
    expect(Object.keys(health?.['responses'] as object).sort()).toEqual(['200', '5XX']);
  });

  it('defines the Problem schema', () => {
    expect(document.components.schemas['Problem']).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance']),
    });
  });
});
