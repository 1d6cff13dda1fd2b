import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DeleteCommandInput,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { storedItemOf, versionOf } from './condition-check-failure';
import { NotFoundError, PersistenceError, VersionConflictError } from './errors';
import type { Key } from './key';
import { translateError } from './translate-error';

/**
 * An item under optimistic locking: `version` is 1 when it is created and grows by one with
 * every write.
 *
 * @example
 * interface Product extends VersionedItem { sku: string; name: string }
 */
export interface VersionedItem {
  version: number;
}

/**
 * Input of {@link putIfVersion}.
 *
 * @example
 * const input: PutIfVersionInput = {
 *   tableName: 'catalog',
 *   item: { pk: 'T#acme#PRODUCT', sk: 'SKU-1', name: 'Pen', version: 4 },
 *   expectedVersion: 3,
 * };
 */
export interface PutIfVersionInput {
  tableName: string;
  /** The whole new item; its `version` must be `expectedVersion + 1`. */
  item: Record<string, unknown> & VersionedItem;
  /** The version the caller read. */
  expectedVersion: number;
}

/**
 * Input of {@link updateIfVersion}.
 *
 * @example
 * const input: UpdateIfVersionInput = {
 *   tableName: 'catalog',
 *   key: { pk: 'T#acme#PRODUCT', sk: 'SKU-1' },
 *   expectedVersion: 3,
 *   set: { name: 'Pen' },
 *   remove: ['note'],
 * };
 */
export interface UpdateIfVersionInput {
  tableName: string;
  key: Key;
  /** The version the caller read. */
  expectedVersion: number;
  /** Top-level attributes to set; `undefined` values are skipped. */
  set?: Record<string, unknown>;
  /** Top-level attributes to remove. */
  remove?: string[];
}

/**
 * Input of {@link deleteIfVersion}.
 *
 * @example
 * const input: DeleteIfVersionInput = { tableName: 'catalog', key: { pk: 'T#acme#PRODUCT', sk: 'SKU-1' }, expectedVersion: 3 };
 */
export interface DeleteIfVersionInput {
  tableName: string;
  key: Key;
  /** Delete only when the stored version is this one; omitted: delete whatever version is stored. */
  expectedVersion?: number;
}

const VERSION = 'version';

function checkVersion(expectedVersion: number): void {
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
    throw new PersistenceError(`expectedVersion must be a non-negative integer, got ${expectedVersion}.`);
  }
}

function checkKey(key: Key): string {
  const [first] = Object.keys(key);
  if (first === undefined) throw new PersistenceError('The key has no attributes.');
  return first;
}

/**
 * The domain error for a failed `#version = :expected` condition: the item is gone
 * ({@link NotFoundError}) or holds another version ({@link VersionConflictError}).
 */
function versionConditionError(error: ConditionalCheckFailedException, expectedVersion?: number): Error {
  const stored = storedItemOf(error);
  if (stored === undefined) return new NotFoundError(undefined, { cause: error });
  return new VersionConflictError({ expectedVersion, actualVersion: versionOf(stored), cause: error });
}

/**
 * Replaces a whole item when its stored `version` equals `expectedVersion`. The new item must
 * carry `version: expectedVersion + 1`. Throws {@link VersionConflictError} (with the stored
 * version) when another write came first, {@link NotFoundError} when there is no item.
 *
 * @example
 * declare const client: DynamoDBDocumentClient;
 * declare const product: { pk: string; sk: string; name: string; version: number }; // as read
 * await putIfVersion(client, {
 *   tableName: 'catalog',
 *   item: { ...product, name: 'New name', version: product.version + 1 },
 *   expectedVersion: product.version,
 * });
 */
export async function putIfVersion(client: DynamoDBDocumentClient, input: PutIfVersionInput): Promise<void> {
  checkVersion(input.expectedVersion);
  if (input.item.version !== input.expectedVersion + 1) {
    throw new PersistenceError(
      `The new item's version must be expectedVersion + 1 (${input.expectedVersion + 1}), got ${input.item.version}.`,
    );
  }
  try {
    await client.send(
      new PutCommand({
        TableName: input.tableName,
        Item: input.item,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': VERSION },
        ExpressionAttributeValues: { ':expected': input.expectedVersion },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw versionConditionError(error, input.expectedVersion);
    }
    throw translateError(error);
  }
}

/**
 * Updates some attributes of an item when its stored `version` equals `expectedVersion`, sets
 * `version` to `expectedVersion + 1`, and returns the whole updated item. Throws
 * {@link VersionConflictError} `{ expectedVersion, actualVersion }` when another write came first,
 * {@link NotFoundError} when there is no item (it is never created).
 *
 * @example
 * import { tenantKey } from '@platform/persistence';
 *
 * declare const client: DynamoDBDocumentClient;
 * declare const stock: { sku: string; available: number; version: number }; // as read
 * const updated = await updateIfVersion<{ sku: string; available: number }>(client, {
 *   tableName: 'inventory',
 *   key: { pk: tenantKey('acme', 'STOCK'), sk: stock.sku },
 *   expectedVersion: stock.version,
 *   set: { available: 10 },
 * });
 * updated.version; // stock.version + 1
 */
export async function updateIfVersion<T>(
  client: DynamoDBDocumentClient,
  input: UpdateIfVersionInput,
): Promise<T & VersionedItem> {
  checkVersion(input.expectedVersion);
  checkKey(input.key);
  const names: Record<string, string> = { '#version': VERSION };
  const values: Record<string, unknown> = {
    ':expected': input.expectedVersion,
    ':next': input.expectedVersion + 1,
  };
  const setClauses = ['#version = :next'];
  const removeClauses: string[] = [];
  const touched = (attribute: string): void => {
    if (attribute === VERSION || attribute in input.key) {
      throw new PersistenceError(`updateIfVersion cannot change '${attribute}': the lib manages it.`);
    }
  };
  Object.entries(input.set ?? {}).forEach(([attribute, value], index) => {
    touched(attribute);
    if (value === undefined) return;
    names[`#s${index}`] = attribute;
    values[`:s${index}`] = value;
    setClauses.push(`#s${index} = :s${index}`);
  });
  (input.remove ?? []).forEach((attribute, index) => {
    touched(attribute);
    names[`#r${index}`] = attribute;
    removeClauses.push(`#r${index}`);
  });
  const updateExpression =
    `SET ${setClauses.join(', ')}` + (removeClauses.length > 0 ? ` REMOVE ${removeClauses.join(', ')}` : '');
  try {
    const output = await client.send(
      new UpdateCommand({
        TableName: input.tableName,
        Key: input.key,
        UpdateExpression: updateExpression,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return output.Attributes as T & VersionedItem;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw versionConditionError(error, input.expectedVersion);
    }
    throw translateError(error);
  }
}

/**
 * Deletes an item and returns it as it was. With `expectedVersion`, only when the stored version
 * is that one ({@link VersionConflictError} otherwise); {@link NotFoundError} when there is no item.
 *
 * @example
 * import { tenantKey } from '@platform/persistence';
 *
 * declare const client: DynamoDBDocumentClient;
 * const deleted = await deleteIfVersion(client, {
 *   tableName: 'catalog',
 *   key: { pk: tenantKey('acme', 'PRODUCT'), sk: 'SKU-1' },
 *   expectedVersion: 3,
 * });
 */
export async function deleteIfVersion(
  client: DynamoDBDocumentClient,
  input: DeleteIfVersionInput,
): Promise<Record<string, unknown>> {
  const keyAttribute = checkKey(input.key);
  if (input.expectedVersion !== undefined) checkVersion(input.expectedVersion);
  const condition: Pick<
    DeleteCommandInput,
    'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
  > =
    input.expectedVersion === undefined
      ? { ConditionExpression: 'attribute_exists(#key)', ExpressionAttributeNames: { '#key': keyAttribute } }
      : {
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': VERSION },
          ExpressionAttributeValues: { ':expected': input.expectedVersion },
        };
  let deleted: Record<string, unknown> | undefined;
  try {
    const output = await client.send(
      new DeleteCommand({
        TableName: input.tableName,
        Key: input.key,
        ...condition,
        ReturnValues: 'ALL_OLD',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    deleted = output.Attributes;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw versionConditionError(error, input.expectedVersion);
    }
    throw translateError(error);
  }
  // The condition guarantees an item was there; an empty answer would be DynamoDB's bug.
  if (deleted === undefined) throw new NotFoundError();
  return deleted;
}
