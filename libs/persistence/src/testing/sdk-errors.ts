import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';

/**
 * Options of {@link sdkError}.
 *
 * @example
 * const error = sdkError('InternalServerError', { fault: 'server' });
 */
export interface SdkErrorOptions {
  message?: string;
  /** `client` (4xx, the default) or `server` (5xx). */
  fault?: 'client' | 'server';
  /** Default 400 for a client fault, 500 for a server fault. */
  httpStatusCode?: number;
}

/**
 * An error shaped exactly like the one the SDK throws for a modeled DynamoDB exception
 * (`name`, `$fault`, `$metadata`), e.g. `ProvisionedThroughputExceededException`.
 *
 * @example
 * import { failingDocumentClient } from '@platform/persistence/testing';
 *
 * const client = failingDocumentClient(sdkError('ProvisionedThroughputExceededException'));
 */
export function sdkError(name: string, options: SdkErrorOptions = {}): DynamoDBServiceException {
  const fault = options.fault ?? 'client';
  return new DynamoDBServiceException({
    name,
    $fault: fault,
    $metadata: { httpStatusCode: options.httpStatusCode ?? (fault === 'client' ? 400 : 500), attempts: 1 },
    message: options.message ?? `${name} (injected by @platform/persistence/testing)`,
  });
}

/**
 * An error shaped like the SDK HTTP handler's timeout (`name: 'TimeoutError'`).
 *
 * @example
 * import { failingDocumentClient } from '@platform/persistence/testing';
 *
 * const client = failingDocumentClient(timeoutError);
 */
export function timeoutError(): Error {
  return Object.assign(new Error('the request timed out (injected by @platform/persistence/testing)'), {
    name: 'TimeoutError',
  });
}

/**
 * An error shaped like a failed socket (`code: 'ECONNRESET'` by default).
 *
 * @example
 * import { failingDocumentClient } from '@platform/persistence/testing';
 *
 * const client = failingDocumentClient(() => networkError('ECONNREFUSED'));
 */
export function networkError(code = 'ECONNRESET'): Error {
  return Object.assign(new Error(`${code} (injected by @platform/persistence/testing)`), { code });
}
