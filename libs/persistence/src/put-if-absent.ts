import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AlreadyExistsError } from './errors';
import { translateError } from './translate-error';

/**
 * Input of {@link putIfAbsent}.
 *
 * @example
 * const input: PutIfAbsentInput = { tableName: 'catalog', item: { pk: 'T#acme#PRODUCT', sk: 'SKU-1', version: 1 } };
 */
export interface PutIfAbsentInput {
  tableName: string;
  item: Record<string, unknown>;
  /** The table's partition key attribute (default `pk`). */
  keyAttribute?: string;
}

/**
 * Creates an item unless one with the same key exists, in which case it throws
 * {@link AlreadyExistsError} and leaves the stored item untouched.
 *
 * @example
 * import { tenantKey } from '@platform/persistence';
 *
 * declare const client: DynamoDBDocumentClient;
 * await putIfAbsent(client, {
 *   tableName: 'catalog',
 *   item: { pk: tenantKey('acme', 'PRODUCT'), sk: 'SKU-1', name: 'Pen', version: 1 },
 * });
 */
export async function putIfAbsent(client: DynamoDBDocumentClient, input: PutIfAbsentInput): Promise<void> {
  try {
    await client.send(
      new PutCommand({
        TableName: input.tableName,
        Item: input.item,
        ConditionExpression: 'attribute_not_exists(#key)',
        ExpressionAttributeNames: { '#key': input.keyAttribute ?? 'pk' },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new AlreadyExistsError(undefined, { cause: error });
    }
    throw translateError(error);
  }
}
