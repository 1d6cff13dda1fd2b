import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type TestTable, createTestTable } from '@platform/testing';
import { AlreadyExistsError, PersistenceError, createDocumentClient, getItem, putIfAbsent } from '../src';
import { serviceTableYml } from './support/local-endpoint';

describe('putIfAbsent', () => {
  let table: TestTable;
  let client: DynamoDBDocumentClient;
  beforeAll(async () => {
    table = await createTestTable({ serverlessYml: serviceTableYml, prefix: 'put-if-absent' });
    client = createDocumentClient();
  });
  afterAll(async () => {
    client.destroy();
    await table.drop();
  });

  it('creates the item when none has its key', async () => {
    await putIfAbsent(client, { tableName: table.tableName, item: { pk: 'T#t1#P', sk: 'new', version: 1 } });
    await expect(
      getItem(client, { tableName: table.tableName, key: { pk: 'T#t1#P', sk: 'new' }, consistentRead: true }),
    ).resolves.toEqual({ pk: 'T#t1#P', sk: 'new', version: 1 });
  });

  it('throws AlreadyExistsError the second time and keeps the first item', async () => {
    const key = { pk: 'T#t1#P', sk: 'twice' };
    await putIfAbsent(client, { tableName: table.tableName, item: { ...key, name: 'first' } });
    const error = await putIfAbsent(client, {
      tableName: table.tableName,
      item: { ...key, name: 'second' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlreadyExistsError);
    expect(error).toBeInstanceOf(PersistenceError);
    expect(error).toMatchObject({
      name: 'AlreadyExistsError',
      cause: { name: 'ConditionalCheckFailedException' },
    });
    await expect(
      getItem(client, { tableName: table.tableName, key, consistentRead: true }),
    ).resolves.toMatchObject({
      name: 'first',
    });
  });

  it('allows another item in the same partition', async () => {
    await putIfAbsent(client, { tableName: table.tableName, item: { pk: 'T#t1#P', sk: 'one' } });
    await expect(
      putIfAbsent(client, {
        tableName: table.tableName,
        item: { pk: 'T#t1#P', sk: 'two' },
        keyAttribute: 'pk',
      }),
    ).resolves.toBeUndefined();
  });
});
