import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readServerlessRoutes } from '../src';

describe('readServerlessRoutes', () => {
  it('lists every httpApi route with its function and authorizer scopes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'routes-'));
    const file = join(dir, 'serverless.yml');
    writeFileSync(
      file,
      [
        'service: x',
        'functions:',
        '  health:',
        '    events:',
        '      - httpApi: { method: get, path: /x/health }',
        '  put:',
        '    events:',
        '      - httpApi:',
        '          method: PUT',
        '          path: /x/things/{id}',
        '          authorizer: { name: jwt, scopes: [x:write] }',
        '      - httpApi: GET /x/things',
        '  worker:',
        '    events:',
        '      - sqs: !GetAtt Queue.Arn',
        '  named:',
        '    events:',
        "      - httpApi: { method: DELETE, path: '/x/things/{id}', authorizer: jwt }",
      ].join('\n'),
    );
    expect(readServerlessRoutes(file)).toEqual([
      { routeKey: 'GET /x/health', functionName: 'health', scopes: [], authorizer: undefined },
      { routeKey: 'PUT /x/things/{id}', functionName: 'put', scopes: ['x:write'], authorizer: 'jwt' },
      { routeKey: 'GET /x/things', functionName: 'put', scopes: [], authorizer: undefined },
      { routeKey: 'DELETE /x/things/{id}', functionName: 'named', scopes: [], authorizer: 'jwt' },
    ]);
  });
});
