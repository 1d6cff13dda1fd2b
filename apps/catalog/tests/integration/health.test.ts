import { join } from 'node:path';
import { createTestTable, type TestTable } from '@platform/testing';
import { createHealthHandler, handler } from '../../src/handlers/health';

describe('GET /catalog/health', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable({
      serverlessYml: join(__dirname, '../../serverless.yml'),
      tableName: process.env['TABLE_NAME'],
    });
  });
  afterAll(() => table.drop());

  it('answers 200 {"status":"ok"} when its table answers', async () => {
    const response = await handler();
    expect(response).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
  });

  it('answers 503 when its table does not exist', async () => {
    const response = await createHealthHandler({ tableName: 'no-such-table', client: table.client })();
    expect(response).toMatchObject({ statusCode: 503 });
  });
});
