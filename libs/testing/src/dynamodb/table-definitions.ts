import type {
  AttributeDefinition,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  KeySchemaElement,
  LocalSecondaryIndex,
  Projection,
  ProvisionedThroughput,
} from '@aws-sdk/client-dynamodb';
import { TableDefinitionError } from '../errors';
import { readServerlessConfig } from '../serverless/serverless-config';

/** An `AWS::DynamoDB::Table` resource as CloudFormation declares it. */
export interface CloudFormationTable {
  /** The resource's logical id in the template (`ProductsTable`). */
  logicalId: string;
  /** Its `Properties`. */
  properties: Record<string, unknown>;
}

/** What creating a table from a CloudFormation definition takes: the create call and its TTL attribute. */
export interface LocalTableInput {
  create: CreateTableCommandInput;
  timeToLiveAttribute?: string;
}

/**
 * Reads every `AWS::DynamoDB::Table` from the `resources` of a `serverless.yml`, as declared
 * (variables are left unresolved; the table name is chosen by the caller).
 *
 * @example
 * const [table] = readTableDefinitions('apps/catalog/serverless.yml');
 */
export function readTableDefinitions(serverlessYmlPath: string): CloudFormationTable[] {
  return tablesFromConfig(readServerlessConfig(serverlessYmlPath));
}

/**
 * Collects the `AWS::DynamoDB::Table` resources of a serverless configuration object (declared or
 * resolved by `serverless print`), whose `resources` is an object or an array of objects.
 */
export function tablesFromConfig(config: unknown): CloudFormationTable[] {
  const resources = (config as { resources?: unknown } | undefined)?.resources;
  const blocks = Array.isArray(resources) ? resources : resources ? [resources] : [];
  const tables: CloudFormationTable[] = [];
  for (const block of blocks) {
    const declared = (block as { Resources?: Record<string, unknown> } | undefined)?.Resources ?? {};
    for (const [logicalId, resource] of Object.entries(declared)) {
      const typed = resource as { Type?: unknown; Properties?: Record<string, unknown> };
      if (typed?.Type === 'AWS::DynamoDB::Table') {
        tables.push({ logicalId, properties: typed.Properties ?? {} });
      }
    }
  }
  return tables;
}

function requireArray<T>(value: unknown, what: string): T[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new TableDefinitionError(`The table definition needs a non-empty ${what}.`);
  }
  return value as T[];
}

function throughput(value: unknown): ProvisionedThroughput | undefined {
  const typed = value as { ReadCapacityUnits?: unknown; WriteCapacityUnits?: unknown } | undefined;
  if (!typed) return undefined;
  return {
    ReadCapacityUnits: Number(typed.ReadCapacityUnits ?? 5),
    WriteCapacityUnits: Number(typed.WriteCapacityUnits ?? 5),
  };
}

/**
 * Turns the `Properties` of an `AWS::DynamoDB::Table` into a `CreateTable` call for DynamoDB Local:
 * keys, attributes, billing mode, indexes, stream and TTL are kept; settings DynamoDB Local ignores
 * (PITR, SSE, tags, deletion protection) are dropped.
 *
 * @example
 * declare const table: CloudFormationTable; // from readTableDefinitions('apps/catalog/serverless.yml')
 * const { create } = tableInputFromCloudFormation(table.properties, 'catalog-test-1');
 */
export function tableInputFromCloudFormation(
  properties: Record<string, unknown>,
  tableName: string,
): LocalTableInput {
  const keySchema = requireArray<KeySchemaElement>(properties['KeySchema'], 'KeySchema');
  const attributes = requireArray<AttributeDefinition>(
    properties['AttributeDefinitions'],
    'AttributeDefinitions',
  );
  const provisioned = properties['BillingMode'] === 'PROVISIONED';
  const create: CreateTableCommandInput = {
    TableName: tableName,
    KeySchema: keySchema,
    AttributeDefinitions: attributes,
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
  };
  if (provisioned) create.ProvisionedThroughput = throughput(properties['ProvisionedThroughput']);

  const gsis = properties['GlobalSecondaryIndexes'] as Array<Record<string, unknown>> | undefined;
  if (gsis?.length) {
    create.GlobalSecondaryIndexes = gsis.map((index): GlobalSecondaryIndex => ({
      IndexName: String(index['IndexName']),
      KeySchema: index['KeySchema'] as KeySchemaElement[],
      Projection: (index['Projection'] as Projection | undefined) ?? { ProjectionType: 'ALL' },
      ...(provisioned ? { ProvisionedThroughput: throughput(index['ProvisionedThroughput']) } : {}),
    }));
  }
  const lsis = properties['LocalSecondaryIndexes'] as Array<Record<string, unknown>> | undefined;
  if (lsis?.length) {
    create.LocalSecondaryIndexes = lsis.map((index): LocalSecondaryIndex => ({
      IndexName: String(index['IndexName']),
      KeySchema: index['KeySchema'] as KeySchemaElement[],
      Projection: (index['Projection'] as Projection | undefined) ?? { ProjectionType: 'ALL' },
    }));
  }
  const stream = properties['StreamSpecification'] as { StreamViewType?: string } | undefined;
  if (stream?.StreamViewType) {
    create.StreamSpecification = {
      StreamEnabled: true,
      StreamViewType: stream.StreamViewType as NonNullable<
        CreateTableCommandInput['StreamSpecification']
      >['StreamViewType'],
    };
  }
  const ttl = properties['TimeToLiveSpecification'] as
    { AttributeName?: string; Enabled?: unknown } | undefined;
  const enabled = ttl?.Enabled === true || ttl?.Enabled === 'true';
  return enabled && ttl?.AttributeName ? { create, timeToLiveAttribute: ttl.AttributeName } : { create };
}
