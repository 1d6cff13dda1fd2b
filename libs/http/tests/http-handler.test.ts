import { GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { captureLogs } from '@platform/observability/testing';
import { httpApiEvent, lambdaContext, localDynamoDbClient, mintToken } from '@platform/testing';
import { z } from 'zod';
import { created, HttpError, httpHandler, ok, type HttpDependencies } from '../src';

const Product = z.strictObject({
  name: z.string().min(1).max(200),
  priceCents: z.number().int().min(0),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

function problemOf(response: { body?: string; headers?: Record<string, unknown> }) {
  expect(response.headers?.['content-type']).toBe('application/problem+json');
  return JSON.parse(response.body ?? '{}') as Record<string, unknown>;
}

describe('httpHandler', () => {
  const logs = captureLogs({ service: 'test', stage: 'test', level: 'debug' });
  const dependencies: Partial<HttpDependencies> = { logger: logs.logger };
  const documents = DynamoDBDocumentClient.from(localDynamoDbClient());
  afterAll(() => documents.destroy());
  beforeEach(() => logs.clear());

  const putProduct = httpHandler(
    {
      scopes: ['catalog:write'],
      body: Product,
      path: z.object({ sku: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,63}$/) }),
      dependencies,
    },
    async ({ body, path, principal, logger }) => {
      logger.info({ sku: path.sku }, 'saving product');
      if (body.name === 'explode') {
        // A real SDK error from DynamoDB Local: its text must never reach the client.
        await documents.send(new GetCommand({ TableName: 'no-such-table-for-sure', Key: { wrong: 1 } }));
      }
      if (body.name === 'boom') throw new Error('secret internal detail at /var/task/index.js:1');
      return created({ ...body, sku: path.sku, tenant: principal.tenantId }, { etag: 1 });
    },
  );

  const writer = () => mintToken({ sub: 'user-1', tenant: 'tenant-a', scope: 'catalog:write' });
  const put = async (options: Parameters<typeof httpApiEvent>[0]) =>
    putProduct(
      httpApiEvent({ routeKey: 'PUT /catalog/products/{sku}', pathParameters: { sku: 'PEN-1' }, ...options }),
      lambdaContext(),
    );
  const valid = { name: 'Pen', priceCents: 150, currency: 'EUR' };

  it('runs the handler with typed, validated input and answers its result', async () => {
    const response = await put({
      method: 'PUT',
      path: '/catalog/products/PEN-1',
      body: valid,
      token: await writer(),
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers?.['etag']).toBe('"1"');
    expect(JSON.parse(response.body ?? '')).toEqual({ ...valid, sku: 'PEN-1', tenant: 'tenant-a' });
  });

  it('answers 400 malformed-json for a body that does not parse', async () => {
    const response = await put({
      method: 'PUT',
      path: '/catalog/products/PEN-1',
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
      token: await writer(),
    });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({
      status: 400,
      type: expect.stringMatching(/\/malformed-json$/),
    });
  });

  it('answers 401 with WWW-Authenticate without a token, and with a bad one', async () => {
    for (const token of [undefined, 'not.a.jwt']) {
      const response = await put({
        method: 'PUT',
        path: '/catalog/products/PEN-1',
        body: valid,
        ...(token ? { token } : {}),
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers?.['www-authenticate']).toMatch(/^Bearer /);
      expect(problemOf(response)).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
  });

  it('answers 401 and nothing else to an anonymous request whatever its body: no 413, 415, 400 or 422 first', async () => {
    const bodies: Array<Omit<Parameters<typeof httpApiEvent>[0], 'method' | 'path'>> = [
      { body: 'x'.repeat(70 * 1024) },
      { body: 'name=Pen', headers: { 'content-type': 'text/plain' } },
      { body: '{"name": ', headers: { 'content-type': 'application/json' } },
      { body: { name: '', unknown: 1 } },
    ];
    for (const options of bodies) {
      const response = await put({ method: 'PUT', path: '/catalog/products/bad sku', ...options });
      expect(response.statusCode).toBe(401);
      expect(problemOf(response)).not.toHaveProperty('errors');
    }
  });

  it('answers 403 when the token lacks the scope', async () => {
    const reader = await mintToken({ sub: 'user-1', tenant: 'tenant-a', scope: 'catalog:read' });
    const response = await put({
      method: 'PUT',
      path: '/catalog/products/PEN-1',
      body: valid,
      token: reader,
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers?.['www-authenticate']).toMatch(/insufficient_scope/);
    expect(problemOf(response)).toMatchObject({ status: 403 });
  });

  it('answers 413 for a body over 64 KiB', async () => {
    const response = await put({
      method: 'PUT',
      path: '/catalog/products/PEN-1',
      body: { ...valid, name: 'x'.repeat(64 * 1024) },
      token: await writer(),
    });
    expect(response.statusCode).toBe(413);
    expect(problemOf(response)).toMatchObject({ status: 413 });
  });

  it('answers 422, not 500, to a JSON body that serverless-offline hands over as a boolean or number', async () => {
    for (const body of [false, 0, true]) {
      const event = httpApiEvent({
        routeKey: 'PUT /catalog/products/{sku}',
        pathParameters: { sku: 'PEN-1' },
        method: 'PUT',
        path: '/catalog/products/PEN-1',
        token: await writer(),
      });
      const response = await putProduct(
        {
          ...event,
          body: body as unknown as string,
          headers: { ...event.headers, 'content-type': 'application/json' },
        },
        lambdaContext(),
      );
      expect({ body, status: response.statusCode }).toEqual({ body, status: 422 });
    }
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await put({
      method: 'PUT',
      path: '/catalog/products/PEN-1',
      body: 'name=Pen',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      token: await writer(),
    });
    expect(response.statusCode).toBe(415);
    expect(problemOf(response)).toMatchObject({ status: 415 });
  });

  it('answers 422 with errors[] for schema violations, unknown fields and bad path parameters', async () => {
    const response = await putProduct(
      httpApiEvent({
        method: 'PUT',
        path: '/catalog/products/bad sku',
        pathParameters: { sku: 'bad sku' },
        body: { name: '', priceCents: 1.5, currency: 'EUR', colour: 'red' },
        token: await writer(),
      }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(422);
    const problem = problemOf(response);
    expect(problem['errors']).toEqual(
      expect.arrayContaining([
        { path: 'path.sku', message: expect.any(String) },
        { path: 'body.name', message: expect.any(String) },
        { path: 'body.priceCents', message: expect.any(String) },
        { path: 'body.colour', message: 'unknown field' },
      ]),
    );
  });

  it('says "required" for a missing field, not what zod says of undefined', async () => {
    const response = await put({
      method: 'PUT',
      path: '/catalog/products/PEN-1',
      body: { name: 'Pen', currency: 'EUR' },
      token: await writer(),
    });
    expect(response.statusCode).toBe(422);
    expect(problemOf(response)['errors']).toEqual([
      { path: 'body.priceCents', message: 'required (number)' },
    ]);
  });

  it('answers a bare 500 for an unexpected error, with no stack and no message text', async () => {
    const response = await put({
      method: 'PUT',
      path: '/catalog/products/PEN-1',
      body: { ...valid, name: 'boom' },
      token: await writer(),
    });
    expect(response.statusCode).toBe(500);
    const problem = problemOf(response);
    expect(problem).toEqual({
      type: expect.stringMatching(/\/internal-error$/),
      title: 'Internal Server Error',
      status: 500,
      detail: 'internal error',
      instance: response.headers?.['x-correlation-id'],
    });
    expect(response.body).not.toMatch(/secret|\/var\/task|at /);
    const logged = logs.lines().find((line) => line['msg'] === 'unhandled error: answered 500');
    expect(JSON.stringify(logged)).toContain('secret internal detail');
  });

  it('answers a bare 500 for an SDK error from DynamoDB Local without its text', async () => {
    const response = await put({
      method: 'PUT',
      path: '/catalog/products/PEN-1',
      body: { ...valid, name: 'explode' },
      token: await writer(),
    });
    expect([500, 503]).toContain(response.statusCode);
    expect(response.body).not.toMatch(/no-such-table|ResourceNotFound|ValidationException|parameter values/i);
  });

  it('echoes a valid x-correlation-id as header and problem instance, and replaces an invalid one', async () => {
    const given = await put({
      method: 'PUT',
      path: '/catalog/products/PEN-1',
      body: '{',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'abc.DEF_123-xyz' },
    });
    expect(given.headers?.['x-correlation-id']).toBe('abc.DEF_123-xyz');
    expect(problemOf(given)['instance']).toBe('abc.DEF_123-xyz');
    const invalid = await put({
      method: 'PUT',
      path: '/catalog/products/PEN-1',
      body: valid,
      headers: { 'x-correlation-id': 'short' },
    });
    expect(invalid.headers?.['x-correlation-id']).toMatch(/^[A-Za-z0-9._-]{8,128}$/);
    expect(invalid.headers?.['x-correlation-id']).not.toBe('short');
  });

  it('writes every log line of a request with its correlation id, and one access line', async () => {
    await put({
      method: 'PUT',
      path: '/catalog/products/PEN-1',
      body: valid,
      token: await writer(),
      headers: { 'x-correlation-id': 'corr-0001-abcdef' },
    });
    const lines = logs.lines();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line['correlationId']).toBe('corr-0001-abcdef');
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'request completed',
        status: 201,
        route: 'PUT /catalog/products/{sku}',
        method: 'PUT',
      }),
    );
    expect(lines.find((line) => line['msg'] === 'request completed')?.['durationMs']).toEqual(
      expect.any(Number),
    );
  });

  it('keeps correlation ids apart across concurrent requests', async () => {
    const token = await writer();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        put({
          method: 'PUT',
          path: '/catalog/products/PEN-1',
          body: valid,
          token,
          headers: { 'x-correlation-id': `parallel-${i}-xxxx` },
        }),
      ),
    );
    const saving = logs.lines().filter((line) => line['msg'] === 'saving product');
    expect(new Set(saving.map((line) => line['correlationId'])).size).toBe(10);
  });

  it('answers an HttpError thrown by the handler as its problem', async () => {
    const handler = httpHandler({ scopes: [], dependencies }, async () => {
      throw new HttpError(409, {
        type: 'insufficient-stock',
        detail: 'PEN-1: 2 available',
        extensions: { sku: 'PEN-1' },
      });
    });
    const response = await handler(
      httpApiEvent({ method: 'POST', path: '/orders', token: await writer() }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(409);
    expect(problemOf(response)).toMatchObject({
      type: expect.stringMatching(/\/insufficient-stock$/),
      sku: 'PEN-1',
    });
  });

  it('parses If-Match for the handler and passes ok() headers through', async () => {
    const handler = httpHandler({ scopes: [], dependencies }, async ({ ifMatch }) =>
      ok({ ifMatch }, { etag: 7 }),
    );
    const response = await handler(
      httpApiEvent({ method: 'GET', path: '/x', token: await writer(), headers: { 'if-match': 'W/"7"' } }),
      lambdaContext(),
    );
    expect(JSON.parse(response.body ?? '')).toEqual({ ifMatch: { any: false, versions: [7] } });
    expect(response.headers?.['etag']).toBe('"7"');
  });
});
