import { join } from 'node:path';
import { createTestTable, type TestTable } from '@platform/testing';
import { createDocumentClient, DependencyUnavailableError, pingTable } from '../src';

describe('pingTable', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable({
      serverlessYml: join(__dirname, 'fixtures/service-table.serverless.yml'),
    });
  });
  afterAll(() => table.drop());

  it('resolves when the table answers', async () => {
    await expect(pingTable(table.client, table.tableName)).resolves.toBeUndefined();
  });

  it('rejects with DependencyUnavailableError for a missing table', async () => {
    const client = createDocumentClient();
    await expect(pingTable(client, 'no-such-table-here')).rejects.toThrow(DependencyUnavailableError);
    client.destroy();
  });
});
