import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { callHttpHandler, callRoute, expectProblem, toReply, useTestTable } from '../src';

describe('toReply / callHttpHandler', () => {
  it('calls the handler with a v2 event and parses its JSON body and headers', async () => {
    const reply = await callHttpHandler(
      async (event) => ({
        statusCode: 201,
        headers: { etag: '"1"', 'content-length': 11 as unknown as string },
        body: JSON.stringify({ path: event.rawPath }),
      }),
      { method: 'PUT', path: '/x/1' },
    );
    expect(reply).toEqual({
      status: 201,
      headers: { etag: '"1"', 'content-length': '11' },
      body: { path: '/x/1' },
    });
  });

  it('reads an empty body as {} and a missing status as 200', () => {
    expect(toReply({})).toEqual({ status: 200, headers: {}, body: {} });
  });
});

describe('callRoute', () => {
  const echo = async (event: Parameters<Parameters<typeof callHttpHandler>[0]>[0]) => ({
    statusCode: 200,
    body: JSON.stringify({
      method: event.requestContext.http.method,
      rawPath: event.rawPath,
      routeKey: event.routeKey,
      pathParameters: event.pathParameters ?? null,
      authorization: event.headers['authorization'] ?? null,
      body: event.body ?? null,
    }),
  });

  it('takes the method from the route key and fills the path with the encoded parameters', async () => {
    const reply = await callRoute(echo, 'POST /orders/{orderId}/cancel', {
      pathParameters: { orderId: 'o 1/2' },
      token: 'abc',
      body: { reason: 'x' },
    });
    expect(reply.body).toEqual({
      method: 'POST',
      rawPath: '/orders/o%201%2F2/cancel',
      routeKey: 'POST /orders/{orderId}/cancel',
      pathParameters: { orderId: 'o 1/2' },
      authorization: 'Bearer abc',
      body: '{"reason":"x"}',
    });
  });

  it('sends no authorization header for a null or missing token', async () => {
    expect((await callRoute(echo, 'GET /x', { token: null })).body['authorization']).toBeNull();
    expect((await callRoute(echo, 'GET /x')).body['authorization']).toBeNull();
  });

  it('refuses a route key whose path parameter is not given', async () => {
    await expect(callRoute(echo, 'GET /catalog/products/{sku}')).rejects.toThrow(
      "callRoute: no path parameter 'sku' for 'GET /catalog/products/{sku}'",
    );
  });
});

describe('expectProblem', () => {
  const problem = {
    status: 404,
    headers: { 'content-type': 'application/problem+json', 'x-correlation-id': 'c-12345678' },
    body: {
      type: 'https://x/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No.',
      instance: 'c-12345678',
    },
  };

  it('accepts a complete problem', () => {
    expectProblem(problem, 404, 'not-found');
  });

  it('rejects a wrong status, type, content type or instance', () => {
    expect(() => expectProblem(problem, 409)).toThrow();
    expect(() => expectProblem(problem, 404, 'conflict')).toThrow();
    expect(() =>
      expectProblem({ ...problem, headers: { ...problem.headers, 'content-type': 'application/json' } }, 404),
    ).toThrow();
    expect(() => expectProblem({ ...problem, body: { ...problem.body, instance: 'other' } }, 404)).toThrow();
  });
});

describe('useTestTable', () => {
  const table = useTestTable({
    serverlessYml: join(__dirname, 'fixtures/two-tables.serverless.yml'),
    logicalId: 'AuditTable',
  });

  it('gives the test file its table', async () => {
    const described = await table().client.send(new DescribeTableCommand({ TableName: table().tableName }));
    expect(described.Table?.TableStatus).toBe('ACTIVE');
  });
});
