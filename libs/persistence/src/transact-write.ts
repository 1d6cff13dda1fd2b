import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type CancellationReason, TransactionCanceledError } from './errors';
import { translateError } from './translate-error';

/**
 * The entries of a transaction, as `TransactWriteCommand` takes them.
 *
 * @example
 * const items: TransactWriteItems = [
 *   { ConditionCheck: { TableName: 'catalog', Key: { pk: 'T#acme#PRODUCT', sk: 'SKU-1' }, ConditionExpression: 'attribute_exists(pk)' } },
 * ];
 */
export type TransactWriteItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/**
 * Options of {@link transactWrite}.
 *
 * @example
 * import { randomUUID } from 'node:crypto';
 *
 * const orderId = randomUUID();
 * const options: TransactWriteOptions = { clientRequestToken: orderId };
 */
export interface TransactWriteOptions {
  /** Makes retries of the same transaction idempotent for 10 minutes (DynamoDB's `ClientRequestToken`). */
  clientRequestToken?: string;
  /** Gives up (a {@link DependencyUnavailableError}) when aborted: the caller's time budget. */
  abortSignal?: AbortSignal;
}

function reasonsOf(error: TransactionCanceledException): CancellationReason[] {
  return (error.CancellationReasons ?? []).map((reason, index) => {
    const mapped: CancellationReason = { index, code: reason.Code ?? 'Unknown' };
    if (reason.Message) mapped.message = reason.Message;
    if (reason.Item) mapped.item = unmarshall(reason.Item);
    return mapped;
  });
}

/**
 * Writes up to 100 entries (Put, Update, Delete, ConditionCheck) all or nothing. When DynamoDB
 * cancels the transaction it throws {@link TransactionCanceledError} with one reason per entry,
 * `failedIndexes` and `conditionFailed`; a reason carries the stored item when its entry set
 * `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`. Nothing is written in that case.
 *
 * @example
 * import { tenantKey } from '@platform/persistence';
 *
 * declare const client: DynamoDBDocumentClient;
 * declare const order: { pk: string; sk: string; orderId: string };
 * declare const line: { sku: string; qty: number };
 * await transactWrite(client, [
 *   { Put: { TableName: 'orders', Item: order, ConditionExpression: 'attribute_not_exists(pk)' } },
 *   {
 *     Update: {
 *       TableName: 'inventory',
 *       Key: { pk: tenantKey('acme', 'STOCK'), sk: line.sku },
 *       UpdateExpression: 'SET available = available - :qty',
 *       ConditionExpression: 'available >= :qty',
 *       ExpressionAttributeValues: { ':qty': line.qty },
 *       ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
 *     },
 *   },
 * ], { clientRequestToken: order.orderId });
 */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  items: TransactWriteItems,
  options: TransactWriteOptions = {},
): Promise<void> {
  try {
    await client.send(
      new TransactWriteCommand({ TransactItems: items, ClientRequestToken: options.clientRequestToken }),
      options.abortSignal ? { abortSignal: options.abortSignal } : {},
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      throw new TransactionCanceledError(reasonsOf(error), { cause: error });
    }
    throw translateError(error);
  }
}
