import { DependencyUnavailableError, ThrottledError } from './errors';

const THROTTLING_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'AbortError',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * The SDK's retry middleware wraps a thrown value that is not an `Error` of its own realm into
 * `new Error('AWS SDK error wrapper for <value>')`, which loses `code` (socket errors raised by
 * Node's core modules cross realms under jest and other vm sandboxes). The code survives only in
 * that message.
 */
const SDK_WRAPPER = /^AWS SDK error wrapper for .*\b(E[A-Z_]+)\b/;

function stringProperty(error: object, property: 'name' | 'code' | 'message'): string | undefined {
  const value: unknown = (error as Record<string, unknown>)[property];
  return typeof value === 'string' ? value : undefined;
}

function errorCode(error: object): string | undefined {
  return stringProperty(error, 'code') ?? SDK_WRAPPER.exec(stringProperty(error, 'message') ?? '')?.[1];
}

/**
 * Turns an AWS SDK error into the lib's domain error when its meaning is known, and returns
 * anything else unchanged so the caller rethrows it:
 *
 * - throttling (`ProvisionedThroughputExceededException`, `ThrottlingException`,
 *   `RequestLimitExceeded`) → {@link ThrottledError};
 * - timeouts and network failures (`TimeoutError`, `ECONNREFUSED`, `ECONNRESET`, …) and the
 *   service's own failures (`InternalServerError`, `ServiceUnavailable`) → {@link DependencyUnavailableError};
 * - `ResourceNotFoundException` (the table is missing) → {@link DependencyUnavailableError}.
 *
 * `ConditionalCheckFailedException` is left alone: only the operation that set the condition knows
 * what its failure means. The original error is kept as `cause`.
 *
 * @example
 * import { BatchGetCommand, type BatchGetCommandInput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
 *
 * declare const client: DynamoDBDocumentClient;
 * declare const input: BatchGetCommandInput;
 * try {
 *   await client.send(new BatchGetCommand(input));
 * } catch (error) {
 *   throw translateError(error);
 * }
 */
export function translateError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const name = stringProperty(error, 'name');
  const code = errorCode(error);
  if (name !== undefined && THROTTLING_NAMES.has(name)) {
    return new ThrottledError({ cause: error });
  }
  if (
    (name !== undefined && UNAVAILABLE_NAMES.has(name)) ||
    (code !== undefined && NETWORK_CODES.has(code))
  ) {
    return new DependencyUnavailableError({ cause: error });
  }
  if (name === 'ResourceNotFoundException') {
    return new DependencyUnavailableError({
      message: 'The data store is unavailable: table missing.',
      cause: error,
    });
  }
  return error;
}
