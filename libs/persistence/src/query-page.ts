import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CursorCodec, CursorScope } from './cursor-codec';
import { PersistenceError } from './errors';
import type { Key } from './key';
import { translateError } from './translate-error';

/**
 * One page of a list: `nextCursor` fetches the next page, and is `null` on the last one.
 *
 * @example
 * const body: Page<{ sku: string }> = { items: [{ sku: 'SKU-1' }], nextCursor: null };
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Input of {@link queryPage}.
 *
 * @example
 * import { tenantKey } from '@platform/persistence';
 *
 * declare const codec: CursorCodec;
 * declare const tenantId: string;
 * declare const sub: string; // the customer
 * declare const cursor: string | undefined; // the request's `cursor` query parameter
 * const input: QueryPageInput = {
 *   tableName: 'orders',
 *   keyCondition: 'pk = :pk',
 *   values: { ':pk': tenantKey(tenantId, 'ORDER', sub) },
 *   scanIndexForward: false,
 *   limit: 20,
 *   cursor,
 *   scope: { tenantId, query: `orders:by-customer:${sub}` },
 *   codec,
 * };
 */
export interface QueryPageInput {
  tableName: string;
  indexName?: string;
  /** `KeyConditionExpression`, e.g. `pk = :pk AND begins_with(sk, :prefix)`. */
  keyCondition: string;
  /** `ExpressionAttributeNames`. */
  names?: Record<string, string>;
  /** `ExpressionAttributeValues`. */
  values: Record<string, unknown>;
  /** `FilterExpression`. Pages still hold exactly `limit` items; filtering reads more to fill them. */
  filter?: string;
  /** Items per page, at least 1. */
  limit: number;
  /** The previous page's `nextCursor`; absent or `null` for the first page. */
  cursor?: string | null;
  /** What cursors are bound to; describe everything that shapes the key condition in `query`. */
  scope: CursorScope;
  codec: CursorCodec;
  /** `false` for descending sort key order (default ascending). */
  scanIndexForward?: boolean;
  consistentRead?: boolean;
}

/** The key of `item` under the key attributes named by a `LastEvaluatedKey`. */
function keyOf(item: Record<string, unknown>, keyNames: string[]): Key {
  if (keyNames.length === 0) {
    throw new PersistenceError('DynamoDB returned no LastEvaluatedKey to build the cursor from.');
  }
  const key: Key = {};
  for (const name of keyNames) {
    const value = item[name];
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new PersistenceError(`Cursors need string or number key attributes; '${name}' is not one.`);
    }
    key[name] = value;
  }
  return key;
}

/**
 * Queries one page: exactly `min(limit, remaining)` items, in key order, and an opaque cursor for
 * the rest (`null` on the last page, so no empty page is ever handed out). The cursor is bound to
 * `scope`; a cursor that was altered, or issued to another tenant or for another query, throws
 * {@link InvalidCursorError} (which the http lib answers with 400).
 *
 * It reads one item past the page to know whether another page exists, and keeps reading while a
 * `filter` leaves the page short.
 *
 * @example
 * import { tenantKey } from '@platform/persistence';
 *
 * declare const client: DynamoDBDocumentClient;
 * declare const codec: CursorCodec;
 * declare const tenantId: string;
 * declare const query: { cursor?: string }; // the request's query parameters
 * const page = await queryPage<{ sku: string; name: string }>(client, {
 *   tableName: 'catalog',
 *   keyCondition: 'pk = :pk',
 *   values: { ':pk': tenantKey(tenantId, 'PRODUCT') },
 *   limit: 20,
 *   cursor: query.cursor,
 *   scope: { tenantId, query: 'catalog:products' },
 *   codec,
 * });
 */
export async function queryPage<T>(client: DynamoDBDocumentClient, input: QueryPageInput): Promise<Page<T>> {
  if (!Number.isInteger(input.limit) || input.limit < 1) {
    throw new PersistenceError(`limit must be a positive integer, got ${input.limit}.`);
  }
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined =
    input.cursor === undefined || input.cursor === null
      ? undefined
      : input.codec.decode(input.cursor, input.scope);
  let lastEvaluatedKey: Record<string, unknown> | undefined;
  do {
    try {
      const output = await client.send(
        new QueryCommand({
          TableName: input.tableName,
          IndexName: input.indexName,
          KeyConditionExpression: input.keyCondition,
          ExpressionAttributeNames: input.names,
          ExpressionAttributeValues: input.values,
          FilterExpression: input.filter,
          // One more than the page needs: if it comes back, there is a next page.
          Limit: input.limit + 1 - items.length,
          ExclusiveStartKey: startKey,
          ScanIndexForward: input.scanIndexForward,
          ConsistentRead: input.consistentRead,
        }),
      );
      items.push(...(output.Items ?? []));
      lastEvaluatedKey = output.LastEvaluatedKey;
    } catch (error) {
      throw translateError(error);
    }
    startKey = lastEvaluatedKey;
  } while (lastEvaluatedKey !== undefined && items.length <= input.limit);

  if (items.length <= input.limit) return { items: items as T[], nextCursor: null };
  const page = items.slice(0, input.limit);
  const lastOfPage = page[page.length - 1] ?? {};
  // A read that stopped at its Limit always returns a LastEvaluatedKey naming the key attributes.
  const cursorKey = keyOf(lastOfPage, Object.keys(lastEvaluatedKey ?? {}));
  return { items: page as T[], nextCursor: input.codec.encode(cursorKey, input.scope) };
}
