import { tenantKey, type TransactWriteItems } from '@platform/persistence';

/*
 * Where inventory keeps an order's hold, and the two transaction entries orders writes on it. They
 * live here, beside the payloads, because they cross the boundary: orders confirms a hold in the
 * same DynamoDB transaction that writes the order, so an order exists exactly when its hold is
 * confirmed (ADR-011). Orders' role may update only these items of inventory's table (the
 * `dynamodb:LeadingKeys` condition in orders' serverless.yml).
 */

/** The states of a hold: HELD (expires at `holdUntil`), CONFIRMED (sold), RELEASED (a tombstone), REJECTED. */
export type HoldStatus = 'HELD' | 'CONFIRMED' | 'RELEASED' | 'REJECTED';

/** The partition key of every hold of a tenant (its `pk`), the pattern orders' IAM condition names. */
export function holdPartition(tenantId: string): string {
  return tenantKey(tenantId, 'RESERVATION');
}

/**
 * The key of an order's hold in inventory's table.
 *
 * @example
 * holdKey('acme', '01J0000000000000000000000A'); // { pk: 'T#acme#RESERVATION', sk: 'ORDER#01J0000000000000000000000A' }
 */
export function holdKey(tenantId: string, orderId: string): { pk: string; sk: string } {
  return { pk: holdPartition(tenantId), sk: `ORDER#${orderId}` };
}

/** The sparse index of open holds: only HELD holds carry its key (`openHold`, `holdUntil`). */
export const OPEN_HOLDS_INDEX = 'open-holds';
/** The value of `openHold` on every HELD hold (the index's one partition). */
export const OPEN_HOLD = 'HELD';

type Entry = TransactWriteItems[number];

/**
 * The transaction entry that confirms an order's hold: it succeeds only on a hold still HELD, so
 * an order whose hold was released or swept is never written.
 *
 * @example
 * declare const order: Record<string, unknown>;
 * const entries = [
 *   { Put: { TableName: 'orders-dev', Item: order, ConditionExpression: 'attribute_not_exists(pk)' } },
 *   confirmHoldEntry('inventory-dev', 'acme', '01J0000000000000000000000A', new Date()),
 * ];
 */
export function confirmHoldEntry(tableName: string, tenantId: string, orderId: string, at: Date): Entry {
  return {
    Update: {
      TableName: tableName,
      Key: holdKey(tenantId, orderId),
      ConditionExpression: '#status = :held',
      UpdateExpression: 'SET #status = :confirmed, confirmedAt = :at REMOVE openHold',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':held': 'HELD', ':confirmed': 'CONFIRMED', ':at': at.toISOString() },
    },
  };
}

/**
 * The transaction entry that reopens a confirmed hold when its order is cancelled: HELD again and
 * already expired, as attempt `at`, so `release` of that attempt, or else the sweeper, gives the
 * stock back.
 *
 * @example
 * declare const cancelOrder: Entry; // the order's CANCELLED update
 * const entries = [cancelOrder, reopenHoldEntry('inventory-dev', 'acme', '01J0000000000000000000000A', new Date())];
 */
export function reopenHoldEntry(tableName: string, tenantId: string, orderId: string, at: Date): Entry {
  return {
    Update: {
      TableName: tableName,
      Key: holdKey(tenantId, orderId),
      ConditionExpression: '#status = :confirmed',
      UpdateExpression: 'SET #status = :held, attempt = :at, holdUntil = :at, openHold = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':held': 'HELD',
        ':confirmed': 'CONFIRMED',
        ':at': at.getTime(),
        ':open': OPEN_HOLD,
      },
    },
  };
}
