import { ConditionalCheckFailedException, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type TestTable, createTestTable } from '@platform/testing';
import {
  DependencyUnavailableError,
  PersistenceError,
  createDocumentClient,
  ThrottledError,
  createCursorCodec,
  deleteIfVersion,
  getItem,
  putIfAbsent,
  putIfVersion,
  queryPage,
  transactWrite,
  translateError,
  updateIfVersion,
} from '../src';
import { failingDocumentClient, networkError, sdkError, timeoutError } from '../src/testing';
import { serviceTableYml } from './support/local-endpoint';

describe('translateError', () => {
  it.each(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'])(
    'turns %s into ThrottledError, keeping it as cause (fake: throttling)',
    (name) => {
      const original = sdkError(name);
      const translated = translateError(original);
      expect(translated).toBeInstanceOf(ThrottledError);
      expect(translated).toMatchObject({ name: 'ThrottledError', retryAfterSec: 1, cause: original });
    },
  );

  it.each([
    ['a TimeoutError', timeoutError()],
    ['ECONNREFUSED', networkError('ECONNREFUSED')],
    ['ECONNRESET', networkError('ECONNRESET')],
    ['InternalServerError', sdkError('InternalServerError', { fault: 'server' })],
    ['ServiceUnavailable', sdkError('ServiceUnavailable', { fault: 'server', httpStatusCode: 503 })],
  ])('turns %s into DependencyUnavailableError (fake: timeouts)', (_what, original) => {
    const translated = translateError(original);
    expect(translated).toBeInstanceOf(DependencyUnavailableError);
    expect(translated).toMatchObject({ retryAfterSec: 5, cause: original });
  });

  it('reads the socket error code out of the SDK wrapper that lost it (fake: timeouts)', () => {
    const wrapped = new Error('AWS SDK error wrapper for Error: read ECONNRESET');
    expect(translateError(wrapped)).toBeInstanceOf(DependencyUnavailableError);
    const unknownCode = new Error('AWS SDK error wrapper for Error: EWHATEVER');
    expect(translateError(unknownCode)).toBe(unknownCode);
  });

  it('reports a missing table as the store being unavailable', () => {
    const original = new ResourceNotFoundException({
      message: 'Requested resource not found',
      $metadata: {},
    });
    const translated = translateError(original);
    expect(translated).toBeInstanceOf(DependencyUnavailableError);
    expect((translated as Error).message).toMatch(/table missing/);
  });

  it('returns a failed condition unchanged: only the operation knows what it means', () => {
    const original = new ConditionalCheckFailedException({
      message: 'The conditional request failed',
      $metadata: {},
    });
    expect(translateError(original)).toBe(original);
  });

  it.each([
    ['an unknown SDK error', sdkError('ValidationException')],
    ['a plain error', new Error('bug')],
    ['a string', 'oops'],
    ['null', null],
    ['an object without a name', { code: 42 }],
  ])('returns %s unchanged', (_what, original) => {
    expect(translateError(original)).toBe(original);
  });
});

describe('every operation', () => {
  const codec = createCursorCodec('a'.repeat(32));
  const scope = { tenantId: 't1', query: 'q' };
  const operations: [string, (client: ReturnType<typeof failingDocumentClient>) => Promise<unknown>][] = [
    ['getItem', (c) => getItem(c, { tableName: 't', key: { pk: 'a' } })],
    ['putIfAbsent', (c) => putIfAbsent(c, { tableName: 't', item: { pk: 'a' } })],
    [
      'putIfVersion',
      (c) => putIfVersion(c, { tableName: 't', item: { pk: 'a', version: 2 }, expectedVersion: 1 }),
    ],
    ['updateIfVersion', (c) => updateIfVersion(c, { tableName: 't', key: { pk: 'a' }, expectedVersion: 1 })],
    ['deleteIfVersion', (c) => deleteIfVersion(c, { tableName: 't', key: { pk: 'a' } })],
    [
      'queryPage',
      (c) =>
        queryPage(c, {
          tableName: 't',
          keyCondition: 'pk = :pk',
          values: { ':pk': 'a' },
          limit: 5,
          scope,
          codec,
        }),
    ],
    ['transactWrite', (c) => transactWrite(c, [{ Put: { TableName: 't', Item: { pk: 'a' } } }])],
  ];

  it.each(operations)('%s answers throttling with ThrottledError (fake: throttling)', async (_name, run) => {
    const client = failingDocumentClient(() => sdkError('ProvisionedThroughputExceededException'));
    await expect(run(client)).rejects.toBeInstanceOf(ThrottledError);
    expect(client.calls).toHaveLength(1);
  });

  it.each(operations)(
    '%s answers a timeout with DependencyUnavailableError (fake: timeouts)',
    async (_name, run) => {
      const client = failingDocumentClient(timeoutError());
      await expect(run(client)).rejects.toBeInstanceOf(DependencyUnavailableError);
    },
  );
});

describe('every operation, on DynamoDB Local', () => {
  let table: TestTable;
  let client: DynamoDBDocumentClient;
  beforeAll(async () => {
    table = await createTestTable({ serverlessYml: serviceTableYml, prefix: 'translate' });
    client = createDocumentClient();
  });
  afterAll(async () => {
    client.destroy();
    await table.drop();
  });

  const codec = createCursorCodec('a'.repeat(32));
  const scope = { tenantId: 't1', query: 'q' };
  /** Each operation with a key that lacks the table's sort key `sk`. */
  const operations: [string, (tableName: string) => Promise<unknown>][] = [
    ['getItem', (tableName) => getItem(client, { tableName, key: { pk: 'a' } })],
    ['putIfAbsent', (tableName) => putIfAbsent(client, { tableName, item: { pk: 'a' } })],
    [
      'putIfVersion',
      (tableName) => putIfVersion(client, { tableName, item: { pk: 'a', version: 2 }, expectedVersion: 1 }),
    ],
    [
      'updateIfVersion',
      (tableName) => updateIfVersion(client, { tableName, key: { pk: 'a' }, expectedVersion: 1 }),
    ],
    ['deleteIfVersion', (tableName) => deleteIfVersion(client, { tableName, key: { pk: 'a' } })],
    [
      'queryPage',
      (tableName) =>
        queryPage(client, {
          tableName,
          keyCondition: 'nope = :pk',
          values: { ':pk': 'a' },
          limit: 5,
          scope,
          codec,
        }),
    ],
    [
      'transactWrite',
      (tableName) => transactWrite(client, [{ Put: { TableName: tableName, Item: { pk: 'a' } } }]),
    ],
  ];

  it.each(operations)('%s rethrows an error it does not know unchanged', async (_name, run) => {
    const error = await run(table.tableName).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationException' });
    expect(error).not.toBeInstanceOf(PersistenceError);
  });

  it.each(operations)('%s reports a missing table as DependencyUnavailableError', async (_name, run) => {
    const error = await run('no-such-table').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
