import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type TestTable, createTestTable } from '@platform/testing';
import {
  DependencyUnavailableError,
  PersistenceConfigError,
  createDocumentClient,
  createDynamoDbClient,
  getItem,
} from '../src';
import {
  type LocalEndpoint,
  closedPort,
  serviceTableYml,
  startLocalEndpoint,
} from './support/local-endpoint';

const emptyGetItem = () => ({ status: 200, body: {} });
const internalServerError = () => ({
  status: 500,
  body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'boom' },
});

describe('createDocumentClient', () => {
  let endpoint: LocalEndpoint | undefined;
  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
  });

  it('talks to the DynamoDB that DYNAMODB_ENDPOINT names, and drops undefined attributes', async () => {
    const table: TestTable = await createTestTable({ serverlessYml: serviceTableYml, prefix: 'client' });
    const client = createDocumentClient();
    try {
      await client.send(
        new PutCommand({ TableName: table.tableName, Item: { pk: 'a', sk: 'b', note: undefined, n: 1 } }),
      );
      await expect(
        getItem(client, { tableName: table.tableName, key: { pk: 'a', sk: 'b' } }),
      ).resolves.toEqual({
        pk: 'a',
        sk: 'b',
        n: 1,
      });
    } finally {
      client.destroy();
      await table.drop();
    }
  });

  it('uses an explicit endpoint over the environment one', async () => {
    endpoint = await startLocalEndpoint(emptyGetItem);
    const client = createDocumentClient({
      endpoint: endpoint.url,
      env: { DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' },
    });
    await expect(getItem(client, { tableName: 't', key: { pk: 'x' } })).resolves.toBeUndefined();
    expect(endpoint.requests.map((r) => r.target)).toEqual(['DynamoDB_20120810.GetItem']);
    client.destroy();
  });

  it('reads the endpoint from the env it is given, and defaults the region for it', async () => {
    endpoint = await startLocalEndpoint(emptyGetItem);
    const client = createDocumentClient({ env: { DYNAMODB_ENDPOINT: endpoint.url } });
    await getItem(client, { tableName: 't', key: { pk: 'x' } });
    expect(endpoint.requests).toHaveLength(1);
    await expect(client.config.region()).resolves.toBe('us-east-1');
    client.destroy();
  });

  it('takes the region from AWS_REGION or the options', async () => {
    const fromEnv = createDynamoDbClient({ env: { AWS_REGION: 'eu-west-1' } });
    const fromOptions = createDynamoDbClient({ region: 'ap-south-1', env: { AWS_REGION: 'eu-west-1' } });
    await expect(fromEnv.config.region()).resolves.toBe('eu-west-1');
    await expect(fromOptions.config.region()).resolves.toBe('ap-south-1');
    fromEnv.destroy();
    fromOptions.destroy();
  });

  it('reuses one connection for sequential requests (keep-alive on by default)', async () => {
    endpoint = await startLocalEndpoint(emptyGetItem);
    const client = createDocumentClient({ endpoint: endpoint.url });
    for (let i = 0; i < 3; i += 1) await getItem(client, { tableName: 't', key: { pk: `k${i}` } });
    expect(endpoint.requests).toHaveLength(3);
    expect(endpoint.connections).toBe(1);
    client.destroy();
  });

  it('opens a connection per request with keepAlive: false', async () => {
    endpoint = await startLocalEndpoint(emptyGetItem);
    const client = createDocumentClient({ endpoint: endpoint.url, keepAlive: false });
    for (let i = 0; i < 3; i += 1) await getItem(client, { tableName: 't', key: { pk: `k${i}` } });
    expect(endpoint.connections).toBe(3);
    client.destroy();
  });

  it('retries a failing request 3 times by default, then reports the store unavailable', async () => {
    endpoint = await startLocalEndpoint(internalServerError);
    const client = createDocumentClient({ endpoint: endpoint.url });
    await expect(getItem(client, { tableName: 't', key: { pk: 'x' } })).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
    expect(endpoint.requests).toHaveLength(3);
    client.destroy();
  });

  it('makes maxAttempts attempts', async () => {
    endpoint = await startLocalEndpoint(internalServerError);
    const client = createDocumentClient({ endpoint: endpoint.url, maxAttempts: 2 });
    await expect(getItem(client, { tableName: 't', key: { pk: 'x' } })).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
    expect(endpoint.requests).toHaveLength(2);
    client.destroy();
  });

  it('uses the retry mode it is given', async () => {
    const standard = createDynamoDbClient({ endpoint: 'http://127.0.0.1:9' });
    const adaptive = createDynamoDbClient({ endpoint: 'http://127.0.0.1:9', retryMode: 'adaptive' });
    expect(await standard.config.retryStrategy()).toMatchObject({ mode: 'standard' });
    expect(await adaptive.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    standard.destroy();
    adaptive.destroy();
  });

  it('gives up on a request that outlives requestTimeoutMs', async () => {
    endpoint = await startLocalEndpoint(() => 'hang');
    const client = createDocumentClient({ endpoint: endpoint.url, requestTimeoutMs: 200, maxAttempts: 1 });
    const started = Date.now();
    const error = await getItem(client, { tableName: 't', key: { pk: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as Error).cause).toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(5_000);
    client.destroy();
  });

  it('hands the connection timeout to the HTTP handler, and limits every request to 5 s unless told otherwise', async () => {
    endpoint = await startLocalEndpoint(emptyGetItem);
    const client = createDocumentClient({ endpoint: endpoint.url, connectionTimeoutMs: 250, env: {} });
    await getItem(client, { tableName: 't', key: { pk: 'x' } });
    const handler = client.config.requestHandler as { httpHandlerConfigs(): Record<string, unknown> };
    expect(handler.httpHandlerConfigs()).toMatchObject({
      connectionTimeout: 250,
      requestTimeout: 5000,
      throwOnRequestTimeout: true,
    });
    client.destroy();
  });

  it('takes the request limit from DYNAMODB_REQUEST_TIMEOUT_MS, and refuses one that is not a positive integer', async () => {
    endpoint = await startLocalEndpoint(emptyGetItem);
    const env = { DYNAMODB_REQUEST_TIMEOUT_MS: '1200' };
    const client = createDocumentClient({ endpoint: endpoint.url, env });
    await getItem(client, { tableName: 't', key: { pk: 'x' } });
    const handler = client.config.requestHandler as { httpHandlerConfigs(): Record<string, unknown> };
    expect(handler.httpHandlerConfigs()).toMatchObject({ requestTimeout: 1200 });
    client.destroy();
    expect(() => createDocumentClient({ env: { DYNAMODB_REQUEST_TIMEOUT_MS: 'soon' } })).toThrow(
      /requestTimeoutMs must be a positive integer/,
    );
  });

  it('reports a refused connection as the store being unavailable', async () => {
    const client = createDocumentClient({
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      maxAttempts: 1,
    });
    await expect(getItem(client, { tableName: 't', key: { pk: 'x' } })).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
    client.destroy();
  });

  it('passes the low-level client through capture, and sends through the captured client', async () => {
    endpoint = await startLocalEndpoint(emptyGetItem);
    const captured: unknown[] = [];
    const capture = <T>(client: T): T => {
      captured.push(client);
      return client;
    };
    const client = createDocumentClient({ endpoint: endpoint.url, capture });
    expect(captured).toHaveLength(1);
    await getItem(client, { tableName: 't', key: { pk: 'x' } });
    expect((captured[0] as DynamoDBClient).middlewareStack).toBe(client.middlewareStack);
    client.destroy();
  });

  it.each([
    [{ maxAttempts: 0 }, /maxAttempts/],
    [{ maxAttempts: 1.5 }, /maxAttempts/],
    [{ requestTimeoutMs: -1 }, /requestTimeoutMs/],
    [{ connectionTimeoutMs: Number.NaN }, /connectionTimeoutMs/],
  ])('refuses %p with PersistenceConfigError', (options, message) => {
    expect(() => createDocumentClient(options)).toThrow(PersistenceConfigError);
    expect(() => createDocumentClient(options)).toThrow(message);
  });
});

describe('createDynamoDbClient', () => {
  it('reaches DynamoDB Local through DYNAMODB_ENDPOINT', async () => {
    const table = await createTestTable({ serverlessYml: serviceTableYml, prefix: 'raw-client' });
    const client = createDynamoDbClient();
    try {
      const described = await client.send(new DescribeTableCommand({ TableName: table.tableName }));
      expect(described.Table?.TableName).toBe(table.tableName);
    } finally {
      client.destroy();
      await table.drop();
    }
  });
});
