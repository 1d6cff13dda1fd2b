/**
 * Base class of every error thrown by `@platform/persistence`. Catch it to handle any failure of
 * the data layer; `cause` holds the SDK error it was translated from, when there was one.
 *
 * @example
 * import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
 * import { getLogger } from '@platform/observability';
 * import { putIfAbsent } from '@platform/persistence';
 *
 * declare const client: DynamoDBDocumentClient;
 * declare const item: Record<string, unknown>;
 * try {
 *   await putIfAbsent(client, { tableName: 'catalog', item });
 * } catch (error) {
 *   if (error instanceof PersistenceError) getLogger().warn({ err: error }, 'write refused');
 *   throw error;
 * }
 */
export class PersistenceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PersistenceError';
  }
}

/**
 * A create-if-absent write found an item with the same key already stored.
 *
 * @example
 * import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
 * import { putIfAbsent } from '@platform/persistence';
 *
 * declare const client: DynamoDBDocumentClient;
 * const item = { pk: 'T#acme#PRODUCT', sk: 'SKU-1', version: 1 };
 * await putIfAbsent(client, { tableName: 'catalog', item });
 * await expect(putIfAbsent(client, { tableName: 'catalog', item })).rejects.toBeInstanceOf(AlreadyExistsError);
 */
export class AlreadyExistsError extends PersistenceError {
  constructor(message = 'The item already exists.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AlreadyExistsError';
  }
}

/**
 * The item a conditional write or delete needed does not exist.
 *
 * @example
 * import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
 * import { deleteIfVersion } from '@platform/persistence';
 *
 * declare const client: DynamoDBDocumentClient;
 * const key = { pk: 'T#acme#PRODUCT', sk: 'SKU-1' };
 * const deleted = await deleteIfVersion(client, { tableName: 'catalog', key }).catch((error: unknown) => {
 *   if (error instanceof NotFoundError) return undefined; // already gone
 *   throw error;
 * });
 */
export class NotFoundError extends PersistenceError {
  constructor(message = 'The item does not exist.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotFoundError';
  }
}

/**
 * Options of {@link VersionConflictError}.
 *
 * @example
 * throw new VersionConflictError({ expectedVersion: 3, actualVersion: 4 });
 */
export interface VersionConflictErrorOptions {
  /** The version the caller expected to find. */
  expectedVersion?: number;
  /** The version actually stored, when DynamoDB returned the old item. */
  actualVersion?: number;
  message?: string;
  cause?: unknown;
}

/**
 * Optimistic locking failed: the stored item's `version` is not the one the caller read.
 *
 * @example
 * // a store turns it into its domain's error
 * class ProductChangedError extends Error {}
 * function productError(error: unknown): unknown {
 *   if (error instanceof VersionConflictError) {
 *     return new ProductChangedError(`expected version ${error.expectedVersion}, found ${error.actualVersion}`);
 *   }
 *   return error;
 * }
 */
export class VersionConflictError extends PersistenceError {
  readonly expectedVersion?: number;
  readonly actualVersion?: number;

  constructor(options: VersionConflictErrorOptions = {}) {
    super(
      options.message ??
        `Version conflict: expected version ${options.expectedVersion ?? '(any)'}, found ${options.actualVersion ?? '(unknown)'}.`,
      { cause: options.cause },
    );
    this.name = 'VersionConflictError';
    this.expectedVersion = options.expectedVersion;
    this.actualVersion = options.actualVersion;
  }
}

/**
 * A paging cursor was malformed, tampered with, or issued for another tenant or query. The http
 * lib answers it with 400.
 *
 * @example
 * import { createCursorCodec } from '@platform/persistence';
 *
 * const codec = createCursorCodec('x'.repeat(32));
 * const scope = { tenantId: 'acme', query: 'catalog:products' };
 * expect(() => codec.decode('not-a-cursor', scope)).toThrow(InvalidCursorError);
 */
export class InvalidCursorError extends PersistenceError {
  constructor(message = 'The cursor is not valid.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidCursorError';
  }
}

/**
 * Why DynamoDB cancelled one entry of a transaction: `code` is DynamoDB's reason code
 * (`ConditionalCheckFailed`, `TransactionConflict`, `None` for the entries that did not fail …).
 * `item` is the stored item when the entry set `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`.
 *
 * @example
 * const reason: CancellationReason = { index: 1, code: 'ConditionalCheckFailed', item: { pk: 'T#t1#SKU#A', available: 0 } };
 */
export interface CancellationReason {
  /** Position of the entry in the `TransactItems` that were sent. */
  index: number;
  code: string;
  message?: string;
  item?: Record<string, unknown>;
}

/** Reason codes after which the same transaction may succeed when sent again. */
const RETRYABLE_CANCELLATION_CODES = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
]);

/**
 * DynamoDB cancelled a transaction; nothing of it was written. `failedIndexes` are the positions
 * of the entries that caused it, `conditionFailed` says whether a condition check was among them,
 * and `retryable` whether every failure was transient (a conflicting transaction, throttling).
 *
 * @example
 * // `lines` were written as one transaction entry each, in order
 * function rejection(error: unknown, lines: { sku: string; qty: number }[]) {
 *   if (error instanceof TransactionCanceledError && error.conditionFailed) {
 *     const line = lines[error.failedIndexes[0] ?? 0];
 *     return { status: 'REJECTED', reason: 'INSUFFICIENT_STOCK', sku: line?.sku };
 *   }
 *   throw error;
 * }
 */
export class TransactionCanceledError extends PersistenceError {
  readonly reasons: CancellationReason[];
  readonly failedIndexes: number[];
  readonly conditionFailed: boolean;
  readonly retryable: boolean;

  constructor(reasons: CancellationReason[], options?: { cause?: unknown }) {
    const failed = reasons.filter((reason) => reason.code !== 'None');
    super(
      `The transaction was cancelled: ${
        failed.map((reason) => `#${reason.index} ${reason.code}`).join(', ') || 'no reason given'
      }.`,
      options,
    );
    this.name = 'TransactionCanceledError';
    this.reasons = reasons;
    this.failedIndexes = failed.map((reason) => reason.index);
    this.conditionFailed = failed.some((reason) => reason.code === 'ConditionalCheckFailed');
    this.retryable =
      failed.length > 0 && failed.every((reason) => RETRYABLE_CANCELLATION_CODES.has(reason.code));
  }
}

/**
 * Options of {@link ThrottledError} and {@link DependencyUnavailableError}.
 *
 * @example
 * declare const error: Error; // the SDK's, after its own retries
 * throw new DependencyUnavailableError({ retryAfterSec: 30, cause: error });
 */
export interface RetryableErrorOptions {
  /** Seconds after which a retry may succeed; the http lib sends it as `Retry-After`. */
  retryAfterSec?: number;
  message?: string;
  cause?: unknown;
}

/**
 * DynamoDB (or SSM) throttled the request, after the SDK's own retries. Answered with 429.
 *
 * @example
 * import { translateError } from '@platform/persistence';
 *
 * const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
 * const error = translateError(throttled);
 * const retryAfter = error instanceof ThrottledError ? error.retryAfterSec : undefined; // 1
 */
export class ThrottledError extends PersistenceError {
  /** Default of {@link ThrottledError.retryAfterSec}. */
  static readonly DEFAULT_RETRY_AFTER_SEC = 1;
  readonly retryAfterSec: number;

  constructor(options: RetryableErrorOptions = {}) {
    super(options.message ?? 'The data store throttled the request.', { cause: options.cause });
    this.name = 'ThrottledError';
    this.retryAfterSec = options.retryAfterSec ?? ThrottledError.DEFAULT_RETRY_AFTER_SEC;
  }
}

/**
 * The data store could not be reached, timed out, failed on its side, or the table is missing.
 * Answered with 503 and `Retry-After`.
 *
 * @example
 * import { translateError } from '@platform/persistence';
 *
 * const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
 * const error = translateError(refused);
 * const retryAfter = error instanceof DependencyUnavailableError ? error.retryAfterSec : undefined; // 5
 */
export class DependencyUnavailableError extends PersistenceError {
  /** Default of {@link DependencyUnavailableError.retryAfterSec}. */
  static readonly DEFAULT_RETRY_AFTER_SEC = 5;
  readonly retryAfterSec: number;

  constructor(options: RetryableErrorOptions = {}) {
    super(options.message ?? 'The data store is unavailable.', { cause: options.cause });
    this.name = 'DependencyUnavailableError';
    this.retryAfterSec = options.retryAfterSec ?? DependencyUnavailableError.DEFAULT_RETRY_AFTER_SEC;
  }
}

/**
 * The lib was configured wrongly: a cursor secret that is missing or too short, an invalid
 * client option. Thrown at start-up, so the function fails fast.
 *
 * @example
 * import { createCursorCodec } from '@platform/persistence';
 *
 * expect(() => createCursorCodec('short')).toThrow(PersistenceConfigError); // at least 32 bytes
 */
export class PersistenceConfigError extends PersistenceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PersistenceConfigError';
  }
}
