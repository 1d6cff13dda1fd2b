import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal, type DynamoDbLocal } from '@platform/testing';
import {
  startDynamoDbFaultProxy,
  tablesOf,
  type DynamoDbFaultProxy,
} from '../src/faults/dynamodb-fault-proxy';

// The proxy in front of a real DynamoDB Local, called with the AWS SDK as the services call it.
let dynamo: DynamoDbLocal;
let proxy: DynamoDbFaultProxy;
const clients: DynamoDBClient[] = [];

function client(options: { maxAttempts?: number; requestTimeout?: number } = {}): DynamoDBClient {
  const created = new DynamoDBClient({
    endpoint: proxy.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: options.maxAttempts ?? 1,
    ...(options.requestTimeout === undefined
      ? {}
      : { requestHandler: { requestTimeout: options.requestTimeout, throwOnRequestTimeout: true } }),
  });
  clients.push(created);
  return created;
}

function direct(): DynamoDBClient {
  const created = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  clients.push(created);
  return created;
}

const put = (table: string, id: string) => new PutItemCommand({ TableName: table, Item: { pk: { S: id } } });

async function exists(table: string, id: string): Promise<boolean> {
  const answer = await direct().send(
    new GetItemCommand({ TableName: table, Key: { pk: { S: id } }, ConsistentRead: true }),
  );
  return answer.Item !== undefined;
}

async function createTable(name: string): Promise<void> {
  await direct().send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
}

beforeAll(async () => {
  dynamo = await startDynamoDbLocal();
  proxy = await startDynamoDbFaultProxy({ target: dynamo.endpoint });
  await createTable('alpha');
  await createTable('beta');
}, 60_000);

afterEach(() => proxy.clearRules());

afterAll(async () => {
  for (const created of clients) created.destroy();
  await proxy?.close();
  await dynamo?.stop();
});

describe('startDynamoDbFaultProxy', () => {
  it('forwards a request untouched when no rule matches, so the item is written', async () => {
    proxy.addRule({ table: 'beta', action: { kind: 'throttle' } });
    await client().send(put('alpha', 'plain'));
    expect(await exists('alpha', 'plain')).toBe(true);
    expect(proxy.requests().at(-1)).toMatchObject({
      operation: 'PutItem',
      tables: ['alpha'],
      fault: undefined,
    });
  });

  it('answers ThrottlingException in DynamoDB JSON error shape, which the SDK names, and writes nothing', async () => {
    proxy.addRule({ operation: 'PutItem', table: 'alpha', action: { kind: 'throttle' } });
    const failure = await client()
      .send(put('alpha', 'throttled'))
      .catch((error: unknown) => error as { name: string; $metadata: { httpStatusCode: number } });
    expect(failure).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    expect(await exists('alpha', 'throttled')).toBe(false);
  });

  it('answers ProvisionedThroughputExceededException when the rule asks for it', async () => {
    proxy.addRule({
      operation: 'DynamoDB_20120810.PutItem',
      action: { kind: 'throttle', error: 'ProvisionedThroughputExceededException' },
    });
    await expect(client().send(put('alpha', 'pte'))).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
    });
  });

  it('answers InternalServerError with status 500', async () => {
    proxy.addRule({ table: 'alpha', action: { kind: 'internal-error' } });
    await expect(client().send(put('alpha', 'ise'))).rejects.toMatchObject({
      name: 'InternalServerError',
      $metadata: { httpStatusCode: 500 },
    });
    expect(await exists('alpha', 'ise')).toBe(false);
  });

  it('matches a transaction by any table it names, and lets the SDK retry succeed once `times` is spent', async () => {
    const rule = proxy.addRule({ table: 'beta', times: 2, action: { kind: 'throttle' } });
    await client({ maxAttempts: 3 }).send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'alpha', Item: { pk: { S: 'tx-a' } } } },
          { Put: { TableName: 'beta', Item: { pk: { S: 'tx-b' } } } },
        ],
      }),
    );
    expect({ matched: rule.matched(), applied: rule.applied() }).toEqual({ matched: 3, applied: 2 });
    expect(await exists('beta', 'tx-b')).toBe(true);
  });

  it('lets the first `skip` matching requests through and faults the next', async () => {
    const rule = proxy.addRule({ operation: 'PutItem', skip: 1, action: { kind: 'internal-error' } });
    await client().send(put('alpha', 'skip-1'));
    await expect(client().send(put('alpha', 'skip-2'))).rejects.toMatchObject({
      name: 'InternalServerError',
    });
    expect(rule.applied()).toBe(1);
  });

  it('faults only when the `where` condition holds', async () => {
    proxy.addRule({
      where: (request) => JSON.stringify(request.body).includes('only-this'),
      action: { kind: 'internal-error' },
    });
    await client().send(put('alpha', 'not-that'));
    await expect(client().send(put('alpha', 'only-this'))).rejects.toMatchObject({
      name: 'InternalServerError',
    });
  });

  it('faults with the given probability (a fake random source makes it deterministic)', async () => {
    const draws = [0.9, 0.1];
    const dice = await startDynamoDbFaultProxy({ target: dynamo.endpoint, random: () => draws.shift() ?? 0 });
    try {
      dice.addRule({ probability: 0.5, action: { kind: 'internal-error' } });
      const viaDice = new DynamoDBClient({
        endpoint: dice.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      });
      clients.push(viaDice);
      await viaDice.send(put('alpha', 'lucky'));
      await expect(viaDice.send(put('alpha', 'unlucky'))).rejects.toMatchObject({
        name: 'InternalServerError',
      });
    } finally {
      await dice.close();
    }
  });

  it('delays a request before forwarding it', async () => {
    proxy.addRule({ operation: 'PutItem', action: { kind: 'delay', ms: 600 } });
    const begun = performance.now();
    await client().send(put('alpha', 'delayed'));
    expect(performance.now() - begun).toBeGreaterThanOrEqual(550);
    expect(await exists('alpha', 'delayed')).toBe(true);
  });

  it('does not forward a delayed request whose caller gave up during the delay', async () => {
    proxy.addRule({ operation: 'PutItem', action: { kind: 'delay', ms: 800 } });
    await expect(client({ requestTimeout: 200 }).send(put('alpha', 'abandoned'))).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await exists('alpha', 'abandoned')).toBe(false);
  });

  it('forwards a delayed request whose caller gave up when the rule says forwardIfCallerGone (a late commit)', async () => {
    const rule = proxy.addRule({
      operation: 'PutItem',
      action: { kind: 'delay', ms: 500, forwardIfCallerGone: true },
    });
    await expect(client({ requestTimeout: 100 }).send(put('alpha', 'late-commit'))).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(await exists('alpha', 'late-commit')).toBe(false);
    await rule.whenApplied(1, 1000);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await exists('alpha', 'late-commit')).toBe(true);
  });

  it('holds the answer of a write that committed, so the caller times out although the item exists', async () => {
    const rule = proxy.addRule({ operation: 'PutItem', action: { kind: 'hold-response', ms: 1500 } });
    const sent = client({ requestTimeout: 300 }).send(put('alpha', 'held'));
    await rule.whenApplied(1, 5000);
    await expect(sent).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(await exists('alpha', 'held')).toBe(true);
  });

  it('destroys the connection after a write that committed, so the caller gets a socket error', async () => {
    proxy.addRule({ operation: 'PutItem', action: { kind: 'drop-connection' } });
    const failure = (await client()
      .send(put('alpha', 'dropped'))
      .then(
        () => undefined,
        (error: unknown) => error,
      )) as Error | undefined;
    expect(failure).toBeInstanceOf(Error);
    expect(`${failure?.name} ${failure?.message} ${String((failure as { code?: unknown }).code)}`).toMatch(
      /ECONNRESET|socket hang up/,
    );
    expect(await exists('alpha', 'dropped')).toBe(true);
  });

  it('rejects whenApplied when the rule is not applied in time', async () => {
    const rule = proxy.addRule({ operation: 'DeleteTable', action: { kind: 'internal-error' } });
    await expect(rule.whenApplied(1, 50)).rejects.toThrow('applied 0 of 1 times within 50 ms');
  });

  it('stops matching a removed rule', async () => {
    const rule = proxy.addRule({ action: { kind: 'internal-error' } });
    rule.remove();
    await client().send(put('alpha', 'after-remove'));
    expect(rule.matched()).toBe(0);
  });
});

describe('tablesOf', () => {
  it('reads TableName, TransactItems tables and RequestItems keys', () => {
    expect(
      tablesOf({
        TableName: 'a',
        TransactItems: [{ Update: { TableName: 'b' } }, { ConditionCheck: { TableName: 'c' } }],
        RequestItems: { d: {}, e: {} },
      }).sort(),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(tablesOf(undefined)).toEqual([]);
  });
});
