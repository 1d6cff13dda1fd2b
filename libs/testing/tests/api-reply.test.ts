import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { callHttpHandler, expectProblem, toReply, useTestTable } from '../src';

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
