import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { translateError } from './translate-error';

/**
 * Resolves when the table answers `DescribeTable` (a health check); rejects with the translated
 * error otherwise (`DependencyUnavailableError` for a missing table or no connection).
 *
 * @example
 * import { createDocumentClient } from '@platform/persistence';
 *
 * const client = createDocumentClient();
 * await pingTable(client, 'catalog'); // the health check of the service's table
 */
export async function pingTable(
  client: DynamoDBDocumentClient | DynamoDBClient,
  tableName: string,
): Promise<void> {
  try {
    // A document client forwards plain DynamoDB commands unchanged.
    await (client as DynamoDBClient).send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    throw translateError(error);
  }
}
