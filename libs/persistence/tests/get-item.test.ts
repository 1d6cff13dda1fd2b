import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type TestTable, createTestTable } from '@platform/testing';
import { createDocumentClient, getItem } from '../src';
import { serviceTableYml } from './support/local-endpoint';

describe('getItem', () => {
  let table: TestTable;
  let client: DynamoDBDocumentClient;
  beforeAll(async () => {
    table = await createTestTable({ serverlessYml: serviceTableYml, prefix: 'get-item' });
    client = createDocumentClient();
    await client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: 'T#t1#P', sk: 'A', name: 'Anvil', version: 1 },
      }),
    );
  });
  afterAll(async () => {
    client.destroy();
    await table.drop();
  });

  it('returns the stored item', async () => {
    const item = await getItem<{ name: string }>(client, {
      tableName: table.tableName,
      key: { pk: 'T#t1#P', sk: 'A' },
      consistentRead: true,
    });
    expect(item).toEqual({ pk: 'T#t1#P', sk: 'A', name: 'Anvil', version: 1 });
  });

  it('returns undefined when there is no item with that key', async () => {
    await expect(
      getItem(client, { tableName: table.tableName, key: { pk: 'T#t2#P', sk: 'A' } }),
    ).resolves.toBe(undefined);
  });
});
