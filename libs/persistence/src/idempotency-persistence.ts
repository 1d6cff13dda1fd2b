import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import { createDynamoDbClient } from './document-client';
import { translateError } from './translate-error';

/**
 * Options of {@link createIdempotencyPersistence}.
 *
 * @example
 * const options: IdempotencyPersistenceOptions = { tableName: 'orders' };
 */
export interface IdempotencyPersistenceOptions {
  /** The service's own table (pk/sk strings, TTL on `expiration`). */
  tableName: string;
  /** Default: {@link createDynamoDbClient}'s (honours `DYNAMODB_ENDPOINT`). */
  client?: DynamoDBClient;
}

/** Powertools' DynamoDB layer, with the SDK errors of its reads and writes translated. */
class TranslatingDynamoDBPersistenceLayer extends DynamoDBPersistenceLayer {
  protected override async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    try {
      return await super._getRecord(idempotencyKey);
    } catch (error) {
      throw translateError(error);
    }
  }

  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    try {
      await super._putRecord(record);
    } catch (error) {
      throw translateError(error);
    }
  }

  protected override async _updateRecord(record: IdempotencyRecord): Promise<void> {
    try {
      await super._updateRecord(record);
    } catch (error) {
      throw translateError(error);
    }
  }

  protected override async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    try {
      await super._deleteRecord(record);
    } catch (error) {
      throw translateError(error);
    }
  }
}

/**
 * The Powertools idempotency persistence layer on the service's own table: records live under
 * `pk` = `idempotency#<function name>`, `sk` = the idempotency key, and expire through the
 * table's TTL attribute `expiration`. Throttling and outages of the table reach Powertools as
 * {@link ThrottledError} / {@link DependencyUnavailableError} (it wraps them in its
 * `IdempotencyPersistenceLayerError`, keeping them as `cause`).
 *
 * @example
 * import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
 *
 * declare function placeOrderOnce(request: { orderId: string }): Promise<{ status: string }>;
 * const persistenceStore = createIdempotencyPersistence({ tableName: 'orders' });
 * export const placeOrder = makeIdempotent(placeOrderOnce, {
 *   persistenceStore,
 *   config: new IdempotencyConfig({ expiresAfterSeconds: 3600 }),
 * });
 */
export function createIdempotencyPersistence(
  options: IdempotencyPersistenceOptions,
): DynamoDBPersistenceLayer {
  return new TranslatingDynamoDBPersistenceLayer({
    tableName: options.tableName,
    keyAttr: 'pk',
    sortKeyAttr: 'sk',
    expiryAttr: 'expiration',
    awsSdkV3Client: options.client ?? createDynamoDbClient(),
  });
}
