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
} from './errors';
export { createDocumentClient, createDynamoDbClient } from './document-client';
export { tenantKey } from './tenant-key';
export type { Key } from './key';
export { getItem } from './get-item';
export { putIfAbsent } from './put-if-absent';
export { putIfVersion, updateIfVersion, deleteIfVersion } from './versioned-writes';
export { createCursorCodec, type CursorCodec } from './cursor-codec';
export { loadCursorSecret } from './cursor-secret';
export { queryPage, type Page, type QueryPageInput } from './query-page';
export { transactWrite, type TransactWriteItems } from './transact-write';
export { translateError } from './translate-error';
export { createIdempotencyPersistence } from './idempotency-persistence';
export { backoff } from './backoff';
export { lazyCursorCodec } from './cursor-codec-from-env';
export { pingTable } from './ping-table';
