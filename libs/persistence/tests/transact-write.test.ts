import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type TestTable, createTestTable } from '@platform/testing';
import {
  TransactionCanceledError,
  createDocumentClient,
  getItem,
  putIfAbsent,
  tenantKey,
  transactWrite,
} from '../src';
import { serviceTableYml } from './support/local-endpoint';

let table: TestTable;
let client: DynamoDBDocumentClient;
const stockPk = tenantKey('t1', 'STOCK');

beforeAll(async () => {
  table = await createTestTable({ serverlessYml: serviceTableYml, prefix: 'transact' });
  client = createDocumentClient();
});
afterAll(async () => {
  client.destroy();
  await table.drop();
});

function read(sk: string): Promise<Record<string, unknown> | undefined> {
  return getItem(client, { tableName: table.tableName, key: { pk: stockPk, sk }, consistentRead: true });
}

/** Takes `qty` from a stock item, only while enough is available. */
function reserve(sk: string, qty: number, returnOld = false) {
  return {
    Update: {
      TableName: table.tableName,
      Key: { pk: stockPk, sk },
      UpdateExpression: 'SET available = available - :qty',
      ConditionExpression: 'available >= :qty',
      ExpressionAttributeValues: { ':qty': qty },
      ...(returnOld ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
    },
  };
}

describe('transactWrite', () => {
  it('writes every entry', async () => {
    await putIfAbsent(client, { tableName: table.tableName, item: { pk: stockPk, sk: 'A', available: 5 } });
    await transactWrite(client, [
      reserve('A', 2),
      { Put: { TableName: table.tableName, Item: { pk: stockPk, sk: 'order-1', lines: 1 } } },
    ]);
    await expect(read('A')).resolves.toMatchObject({ available: 3 });
    await expect(read('order-1')).resolves.toMatchObject({ lines: 1 });
  });

  it('throws TransactionCanceledError with failedIndexes [1] and writes nothing when the second condition fails', async () => {
    await putIfAbsent(client, { tableName: table.tableName, item: { pk: stockPk, sk: 'B1', available: 5 } });
    await putIfAbsent(client, { tableName: table.tableName, item: { pk: stockPk, sk: 'B2', available: 1 } });
    const error = await transactWrite(client, [
      reserve('B1', 2),
      reserve('B2', 2),
      { Put: { TableName: table.tableName, Item: { pk: stockPk, sk: 'order-2' } } },
    ]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransactionCanceledError);
    const cancelled = error as TransactionCanceledError;
    expect(cancelled.failedIndexes).toEqual([1]);
    expect(cancelled.conditionFailed).toBe(true);
    expect(cancelled.retryable).toBe(false);
    expect(cancelled.reasons.map((r) => r.code)).toEqual(['None', 'ConditionalCheckFailed', 'None']);
    expect(cancelled.reasons[1]?.item).toBeUndefined();
    expect(cancelled.cause).toMatchObject({ name: 'TransactionCanceledException' });
    await expect(read('B1')).resolves.toMatchObject({ available: 5 });
    await expect(read('B2')).resolves.toMatchObject({ available: 1 });
    await expect(read('order-2')).resolves.toBeUndefined();
  });

  it('hands back the stored item of an entry that asked for it with ALL_OLD', async () => {
    await putIfAbsent(client, { tableName: table.tableName, item: { pk: stockPk, sk: 'C', available: 0 } });
    const error = await transactWrite(client, [reserve('C', 1, true)]).catch((e: unknown) => e);
    expect(error).toMatchObject({
      failedIndexes: [0],
      reasons: [{ index: 0, code: 'ConditionalCheckFailed', item: { pk: stockPk, sk: 'C', available: 0 } }],
    });
  });

  it('applies a transaction once when it is sent again with the same clientRequestToken', async () => {
    await putIfAbsent(client, { tableName: table.tableName, item: { pk: stockPk, sk: 'D', available: 10 } });
    const token = 'order-3-reservation';
    await transactWrite(client, [reserve('D', 4)], { clientRequestToken: token });
    await transactWrite(client, [reserve('D', 4)], { clientRequestToken: token });
    await expect(read('D')).resolves.toMatchObject({ available: 6 });
  });
});
