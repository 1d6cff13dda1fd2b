export {
  PersistenceError,
  AlreadyExistsError,
  NotFoundError,
  VersionConflictError,
  InvalidCursorError,
  TransactionCanceledError,
  ThrottledError,
  DependencyUnavailableError,
  PersistenceConfigError,
  type CancellationReason,
  type RetryableErrorOptions,
  type VersionConflictErrorOptions,
} from './errors';
export { createDocumentClient, createDynamoDbClient, type DocumentClientOptions } from './document-client';
export { tenantKey } from './tenant-key';
export type { Key } from './key';
export { getItem, type GetItemInput } from './get-item';
export { putIfAbsent, type PutIfAbsentInput } from './put-if-absent';
export {
  putIfVersion,
  updateIfVersion,
  deleteIfVersion,
  type VersionedItem,
  type PutIfVersionInput,
  type UpdateIfVersionInput,
  type DeleteIfVersionInput,
} from './versioned-writes';
export {
  createCursorCodec,
  MIN_CURSOR_SECRET_BYTES,
  type CursorCodec,
  type CursorScope,
} from './cursor-codec';
export { loadCursorSecret, type LoadCursorSecretOptions, type SsmParameterReader } from './cursor-secret';
export { queryPage, type Page, type QueryPageInput } from './query-page';
export { transactWrite, type TransactWriteItems, type TransactWriteOptions } from './transact-write';
export { translateError } from './translate-error';
export { createIdempotencyPersistence, type IdempotencyPersistenceOptions } from './idempotency-persistence';
export { backoff } from './backoff';
export { lazyCursorCodec } from './cursor-codec-from-env';
export { pingTable } from './ping-table';
