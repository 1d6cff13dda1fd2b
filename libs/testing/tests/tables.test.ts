import { DescribeTableCommand, DescribeTimeToLiveCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import {
  TableDefinitionError,
  createTableFromCloudFormation,
  createTestTable,
  localDynamoDbClient,
  readTableDefinitions,
  tableInputFromCloudFormation,
  tablesFromConfig,
  uniqueTableName,
} from '../src';

const fixture = join(__dirname, 'fixtures', 'two-tables.serverless.yml');

describe('readTableDefinitions', () => {
  it('reads every AWS::DynamoDB::Table from a resources array, intrinsics included', () => {
    const tables = readTableDefinitions(fixture);
    expect(tables.map((t) => t.logicalId)).toEqual(['OrdersTable', 'AuditTable']);
    expect(tables[1]?.properties['TableName']).toEqual({ 'Fn::Sub': '${AWS::StackName}-audit' });
  });

  it('says which file it could not read', () => {
    expect(() => readTableDefinitions('/nonexistent/serverless.yml')).toThrow(/Cannot read \/nonexistent/);
  });

  it('accepts a resources object as well as an array', () => {
    const tables = tablesFromConfig({ resources: { Resources: { T: { Type: 'AWS::DynamoDB::Table' } } } });
    expect(tables).toEqual([{ logicalId: 'T', properties: {} }]);
    expect(tablesFromConfig({})).toEqual([]);
  });
});

describe('tableInputFromCloudFormation', () => {
  it('keeps keys, indexes, stream and TTL and drops what DynamoDB Local ignores', () => {
    const [orders] = readTableDefinitions(fixture);
    const input = tableInputFromCloudFormation(orders!.properties, 'orders-test');
    expect(input.timeToLiveAttribute).toBe('expiresAt');
    expect(input.create).toEqual({
      TableName: 'orders-test',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: expect.arrayContaining([{ AttributeName: 'gsi1pk', AttributeType: 'S' }]),
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'lsi1',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'lsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('carries provisioned throughput', () => {
    const [, audit] = readTableDefinitions(fixture);
    const { create, timeToLiveAttribute } = tableInputFromCloudFormation(audit!.properties, 'audit');
    expect(create.BillingMode).toBe('PROVISIONED');
    expect(create.ProvisionedThroughput).toEqual({ ReadCapacityUnits: 2, WriteCapacityUnits: 3 });
    expect(timeToLiveAttribute).toBeUndefined();
  });

  it('refuses a definition without keys', () => {
    expect(() => tableInputFromCloudFormation({ AttributeDefinitions: [] }, 'x')).toThrow(
      TableDefinitionError,
    );
  });
});

describe('createTestTable', () => {
  it('creates a uniquely named copy of the declared table in DynamoDB Local, with TTL on', async () => {
    const a = await createTestTable({ serverlessYml: fixture, logicalId: 'OrdersTable', prefix: 'orders' });
    const b = await createTestTable({ serverlessYml: fixture, logicalId: 'OrdersTable', prefix: 'orders' });
    try {
      expect(a.tableName).not.toBe(b.tableName);
      const described = await a.client.send(new DescribeTableCommand({ TableName: a.tableName }));
      expect(described.Table?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe('gsi1');
      expect(described.Table?.StreamSpecification?.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
      const ttl = await a.client.send(new DescribeTimeToLiveCommand({ TableName: a.tableName }));
      expect(ttl.TimeToLiveDescription?.AttributeName).toBe('expiresAt');
    } finally {
      await a.drop();
      await b.drop();
    }
    const client = localDynamoDbClient();
    const names = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
    expect(names).not.toContain(a.tableName);
    client.destroy();
  });

  it('asks for a logical id when the service declares several tables', async () => {
    await expect(createTestTable({ serverlessYml: fixture })).rejects.toThrow(
      /OrdersTable, AuditTable.*logicalId/,
    );
    await expect(createTestTable({ serverlessYml: fixture, logicalId: 'Nope' })).rejects.toThrow(
      /none is named Nope/,
    );
  });

  it('leaves an existing table alone', async () => {
    const client = localDynamoDbClient();
    const [, audit] = readTableDefinitions(fixture);
    const name = uniqueTableName('audit');
    await expect(createTableFromCloudFormation(client, audit!, name)).resolves.toEqual({ created: true });
    await expect(createTableFromCloudFormation(client, audit!, name)).resolves.toEqual({ created: false });
    client.destroy();
  });
});

describe('localDynamoDbClient', () => {
  it('needs an endpoint', () => {
    const saved = process.env['DYNAMODB_ENDPOINT'];
    delete process.env['DYNAMODB_ENDPOINT'];
    try {
      expect(() => localDynamoDbClient()).toThrow(/DYNAMODB_ENDPOINT is not set/);
    } finally {
      process.env['DYNAMODB_ENDPOINT'] = saved;
    }
  });
});
