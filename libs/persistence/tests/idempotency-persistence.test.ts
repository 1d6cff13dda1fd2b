import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  IdempotencyConfig,
  IdempotencyPersistenceLayerError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type TestTable, createTestTable, localDynamoDbClient } from '@platform/testing';
import { DependencyUnavailableError, createDocumentClient, createIdempotencyPersistence } from '../src';
import { closedPort, serviceTableYml } from './support/local-endpoint';

interface PriceRequest {
  orderId: string;
  qty: number;
}

let table: TestTable;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  table = await createTestTable({ serverlessYml: serviceTableYml, prefix: 'idempotency' });
  documents = createDocumentClient();
});
afterAll(async () => {
  documents.destroy();
  await table.drop();
});

/** The Lambda context Powertools reads the remaining time from. */
function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'pricing',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:pricing',
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/pricing',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function idempotencyConfig(options: { expiresAfterSeconds?: number } = {}): IdempotencyConfig {
  const config = new IdempotencyConfig(options);
  config.registerLambdaContext(lambdaContext());
  return config;
}

/** A tiny function made idempotent on the real table; `runs` counts real executions. */
function idempotentPricing(client?: DynamoDBClient) {
  const counter = { runs: 0 };
  const persistenceStore = createIdempotencyPersistence({ tableName: table.tableName, client });
  const price = makeIdempotent(
    async (request: PriceRequest) => {
      counter.runs += 1;
      return { orderId: request.orderId, totalCents: request.qty * 250, runId: randomUUID() };
    },
    {
      persistenceStore,
      config: idempotencyConfig({ expiresAfterSeconds: 600 }),
    },
  );
  return { price, counter, persistenceStore };
}

describe('createIdempotencyPersistence', () => {
  it('stores the first result and returns it for the same payload without running again', async () => {
    const { price, counter } = idempotentPricing();
    const first = await price({ orderId: 'o-1', qty: 3 });
    const second = await price({ orderId: 'o-1', qty: 3 });
    expect(second).toEqual(first);
    expect(counter.runs).toBe(1);
  });

  it('finds the stored record by its payload', async () => {
    const { price, persistenceStore } = idempotentPricing();
    const result = await price({ orderId: 'o-7', qty: 5 });
    const record = await persistenceStore.getRecord({ orderId: 'o-7', qty: 5 });
    expect(record.getStatus()).toBe('COMPLETED');
    expect(record.getResponse()).toEqual(result);
  });

  it('reports an unreachable table as DependencyUnavailableError when reading a record', async () => {
    const unreachable = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      region: 'us-east-1',
      maxAttempts: 1,
    });
    const persistenceStore = createIdempotencyPersistence({
      tableName: table.tableName,
      client: unreachable,
    });
    persistenceStore.configure({ config: idempotencyConfig() });
    await expect(persistenceStore.getRecord({ orderId: 'o-8', qty: 1 })).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
    unreachable.destroy();
  });

  it('runs again for another payload', async () => {
    const { price, counter } = idempotentPricing();
    const a = await price({ orderId: 'o-2', qty: 1 });
    const b = await price({ orderId: 'o-3', qty: 1 });
    expect(a.runId).not.toBe(b.runId);
    expect(counter.runs).toBe(2);
  });

  it('forgets a failed run, so a retry of the same payload runs again', async () => {
    let attempt = 0;
    const flaky = makeIdempotent(
      async (request: PriceRequest) => {
        attempt += 1;
        if (attempt === 1) throw new Error('catalog did not answer');
        return { orderId: request.orderId, attempt };
      },
      {
        persistenceStore: createIdempotencyPersistence({ tableName: table.tableName }),
        config: idempotencyConfig(),
      },
    );
    await expect(flaky({ orderId: 'o-6', qty: 1 })).rejects.toThrow('catalog did not answer');
    await expect(flaky({ orderId: 'o-6', qty: 1 })).resolves.toEqual({ orderId: 'o-6', attempt: 2 });
  });

  it('keeps its records under pk/sk with a TTL in `expiration`, on the service table', async () => {
    const { price } = idempotentPricing(localDynamoDbClient());
    const result = await price({ orderId: 'o-4', qty: 2 });
    const { Items = [] } = await documents.send(
      new ScanCommand({ TableName: table.tableName, ConsistentRead: true }),
    );
    const record = Items.find((item) => JSON.stringify(item['data'] ?? null).includes(result.runId));
    expect(record).toMatchObject({
      pk: expect.stringMatching(/^idempotency#/),
      sk: expect.any(String),
      status: 'COMPLETED',
      expiration: expect.any(Number),
    });
    const nowSec = Date.now() / 1000;
    expect(record?.['expiration']).toBeGreaterThan(nowSec + 500);
    expect(record?.['expiration']).toBeLessThan(nowSec + 700);
  });

  it('hands Powertools a DependencyUnavailableError when the table cannot be reached', async () => {
    const unreachable = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      region: 'us-east-1',
      maxAttempts: 1,
    });
    const { price, counter } = idempotentPricing(unreachable);
    const error = await price({ orderId: 'o-5', qty: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyPersistenceLayerError);
    expect((error as Error).cause).toBeInstanceOf(DependencyUnavailableError);
    expect(counter.runs).toBe(0);
    unreachable.destroy();
  });
});
