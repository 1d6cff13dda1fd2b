import { randomBytes } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { TableDefinitionError } from '../errors';
import {
  type CloudFormationTable,
  readTableDefinitions,
  tableInputFromCloudFormation,
} from './table-definitions';

/**
 * A DynamoDB client for DynamoDB Local (or whatever `DYNAMODB_ENDPOINT` names), with dummy
 * credentials when none are configured.
 *
 * @example
 * const client = localDynamoDbClient('http://127.0.0.1:8000');
 */
export function localDynamoDbClient(endpoint = process.env['DYNAMODB_ENDPOINT']): DynamoDBClient {
  if (!endpoint) {
    throw new TableDefinitionError(
      'DYNAMODB_ENDPOINT is not set: run the tests through jest (its global setup starts DynamoDB Local) or set it yourself.',
    );
  }
  return new DynamoDBClient({
    endpoint,
    region: process.env['AWS_REGION'] ?? 'us-east-1',
    credentials: {
      accessKeyId: process.env['AWS_ACCESS_KEY_ID'] ?? 'local',
      secretAccessKey: process.env['AWS_SECRET_ACCESS_KEY'] ?? 'local',
    },
  });
}

/**
 * Creates a table from its CloudFormation definition under the given name; an existing table of
 * that name is left as it is. Enables TTL when the definition does.
 *
 * @example
 * declare const table: CloudFormationTable; // from readTableDefinitions('apps/catalog/serverless.yml')
 * const client = localDynamoDbClient();
 * await createTableFromCloudFormation(client, table, 'catalog-dev-products');
 */
export async function createTableFromCloudFormation(
  client: DynamoDBClient,
  table: CloudFormationTable,
  tableName: string,
): Promise<{ created: boolean }> {
  const input = tableInputFromCloudFormation(table.properties, tableName);
  let created = true;
  try {
    await client.send(new CreateTableCommand(input.create));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    created = false;
  }
  await waitUntilTableExists(
    { client, maxWaitTime: 30, minDelay: 0.2, maxDelay: 1 },
    { TableName: tableName },
  );
  if (created && input.timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: input.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
  return { created };
}

/** A table created for one test file. */
export interface TestTable {
  readonly tableName: string;
  readonly client: DynamoDBClient;
  /** Deletes the table and closes the client. */
  drop(): Promise<void>;
}

/** Options of {@link createTestTable}. */
export interface CreateTestTableOptions {
  /** Path of the service's serverless.yml whose table is copied. */
  serverlessYml: string;
  /** Logical id of the table; needed only when the service declares more than one. */
  logicalId?: string;
  /** Table name prefix (default: the logical id). */
  prefix?: string;
  /** Exact table name, for a handler whose module already read it from the environment. */
  tableName?: string;
}

/** A table name no other test file uses: `<prefix>-<pid>-<random>`. */
export function uniqueTableName(prefix: string): string {
  return `${prefix}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Creates, in DynamoDB Local, a uniquely named copy of a table a service's `serverless.yml`
 * declares, so each test file works on its own table.
 *
 * @example
 * let table: TestTable;
 * beforeAll(async () => { table = await createTestTable({ serverlessYml: `${__dirname}/../../serverless.yml` }); });
 * afterAll(() => table.drop());
 */
export async function createTestTable(options: CreateTestTableOptions): Promise<TestTable> {
  const tables = readTableDefinitions(options.serverlessYml);
  const table = options.logicalId ? tables.find((t) => t.logicalId === options.logicalId) : tables[0];
  if (!table || (!options.logicalId && tables.length > 1)) {
    throw new TableDefinitionError(
      `${options.serverlessYml} declares tables [${tables.map((t) => t.logicalId).join(', ')}]; ` +
        (options.logicalId ? `none is named ${options.logicalId}.` : 'pass `logicalId` to pick one.'),
    );
  }
  const client = localDynamoDbClient();
  const tableName = options.tableName ?? uniqueTableName(options.prefix ?? table.logicalId);
  await createTableFromCloudFormation(client, table, tableName);
  return {
    tableName,
    client,
    async drop() {
      try {
        await client.send(new DeleteTableCommand({ TableName: tableName }));
      } finally {
        client.destroy();
      }
    },
  };
}

/**
 * Jest hooks for a test file: creates the table in `beforeAll` (named `options.tableName`, or
 * uniquely) and drops it in `afterAll`; the returned function gives the table inside tests.
 *
 * @example
 * import { join } from 'node:path';
 * import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
 *
 * const table = useTestTable({ serverlessYml: join(__dirname, '../../serverless.yml'), tableName: process.env['TABLE_NAME'] });
 * it('works on its own table', async () => {
 *   const { Table } = await table().client.send(new DescribeTableCommand({ TableName: table().tableName }));
 *   expect(Table?.TableStatus).toBe('ACTIVE');
 * });
 */
export function useTestTable(options: CreateTestTableOptions): () => TestTable {
  let table: TestTable | undefined;
  beforeAll(async () => {
    table = await createTestTable(options);
  });
  afterAll(() => table?.drop());
  return () => {
    if (!table)
      throw new TableDefinitionError('the test table is created in beforeAll: use it inside a test');
    return table;
  };
}
