import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Key } from './key';
import { translateError } from './translate-error';

/**
 * Input of {@link getItem}.
 *
 * @example
 * import { tenantKey } from '@platform/persistence';
 *
 * const input: GetItemInput = { tableName: 'catalog', key: { pk: tenantKey('acme', 'PRODUCT'), sk: 'SKU-1' } };
 */
export interface GetItemInput {
  tableName: string;
  key: Key;
  /** Read the latest write (default false: eventually consistent). */
  consistentRead?: boolean;
}

/**
 * Reads one item by its key; `undefined` when there is none.
 *
 * @example
 * import { tenantKey } from '@platform/persistence';
 *
 * declare const client: DynamoDBDocumentClient;
 * declare const tenantId: string;
 * declare const sku: string;
 * const product = await getItem<{ sku: string; name: string }>(client, {
 *   tableName: 'catalog',
 *   key: { pk: tenantKey(tenantId, 'PRODUCT'), sk: sku },
 * });
 * if (!product) throw new Error(`no product ${sku}`);
 */
export async function getItem<T>(
  client: DynamoDBDocumentClient,
  input: GetItemInput,
): Promise<T | undefined> {
  try {
    const output = await client.send(
      new GetCommand({ TableName: input.tableName, Key: input.key, ConsistentRead: input.consistentRead }),
    );
    return output.Item as T | undefined;
  } catch (error) {
    throw translateError(error);
  }
}
