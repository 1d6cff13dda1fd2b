import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readServerlessRoutes } from '../src';

describe('readServerlessRoutes', () => {
  it('lists every httpApi route under /<service> with its function and authorizer scopes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'routes-'));
    const file = join(dir, 'serverless.yml');
    writeFileSync(
      file,
      [
        'service: x',
        'functions:',
        '  health:',
        '    events:',
        '      - httpApi: { method: get, path: /health }',
        '  put:',
        '    events:',
        '      - httpApi:',
        '          method: PUT',
        '          path: /things/{id}',
        '          authorizer: { name: jwt, scopes: [x:write] }',
        '      - httpApi: GET /things',
        '      - httpApi: POST /',
        '  worker:',
        '    events:',
        '      - sqs: !GetAtt Queue.Arn',
        '  named:',
        '    events:',
        "      - httpApi: { method: DELETE, path: '/things/{id}', authorizer: jwt }",
      ].join('\n'),
    );
    expect(readServerlessRoutes(file)).toEqual([
      {
        routeKey: 'GET /x/health',
        apiRouteKey: 'GET /health',
        functionName: 'health',
        scopes: [],
        authorizer: undefined,
      },
      {
        routeKey: 'PUT /x/things/{id}',
        apiRouteKey: 'PUT /things/{id}',
        functionName: 'put',
        scopes: ['x:write'],
        authorizer: 'jwt',
      },
      {
        routeKey: 'GET /x/things',
        apiRouteKey: 'GET /things',
        functionName: 'put',
        scopes: [],
        authorizer: undefined,
      },
      { routeKey: 'POST /x', apiRouteKey: 'POST /', functionName: 'put', scopes: [], authorizer: undefined },
      {
        routeKey: 'DELETE /x/things/{id}',
        apiRouteKey: 'DELETE /things/{id}',
        functionName: 'named',
        scopes: [],
        authorizer: 'jwt',
      },
    ]);
  });
});
