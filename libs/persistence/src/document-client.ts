import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { captureAwsClient } from '@platform/observability';
import { PersistenceConfigError } from './errors';

/**
 * Options of {@link createDocumentClient} and {@link createDynamoDbClient}; every one is optional.
 *
 * @example
 * const options: DocumentClientOptions = { maxAttempts: 5, retryMode: 'adaptive', requestTimeoutMs: 2_000 };
 */
export interface DocumentClientOptions {
  /** DynamoDB endpoint; default: env `DYNAMODB_ENDPOINT`, else the AWS endpoint of the region. */
  endpoint?: string;
  /** Region; default: env `AWS_REGION`, else `us-east-1` when an endpoint is set. */
  region?: string;
  /** Attempts per request, the first one included (default 3). */
  maxAttempts?: number;
  /** SDK retry mode (default `standard`). */
  retryMode?: 'standard' | 'adaptive';
  /** Reuse TCP connections between requests (default true). */
  keepAlive?: boolean;
  /**
   * Fail a request that has not completed after this many milliseconds (a retryable
   * `TimeoutError`). Default: env `DYNAMODB_REQUEST_TIMEOUT_MS`, else 5000, so a stalled
   * connection never holds a function until its own timeout.
   */
  requestTimeoutMs?: number;
  /** Fail a request whose connection is not established after this many milliseconds. */
  connectionTimeoutMs?: number;
  /** Wraps the client for tracing (default: `captureAwsClient` from `@platform/observability`). */
  capture?: <T>(client: T) => T;
  /** Environment the defaults are read from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/** Default attempts per request. */
const DEFAULT_MAX_ATTEMPTS = 3;
/** Default limit of one request, in milliseconds. */
const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;

function checkPositiveInteger(value: number | undefined, option: string): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
    throw new PersistenceConfigError(`${option} must be a positive integer, got ${value}.`);
  }
}

/**
 * Creates a low-level `DynamoDBClient` configured like {@link createDocumentClient}'s (endpoint
 * override, retries, keep-alive, timeouts, tracer capture). Use it where a library wants the plain
 * client, e.g. {@link createIdempotencyPersistence}.
 *
 * @example
 * const client = createDynamoDbClient({ maxAttempts: 5 });
 */
export function createDynamoDbClient(options: DocumentClientOptions = {}): DynamoDBClient {
  const env = options.env ?? process.env;
  checkPositiveInteger(options.maxAttempts, 'maxAttempts');
  const requestTimeoutMs =
    options.requestTimeoutMs ??
    (env['DYNAMODB_REQUEST_TIMEOUT_MS']
      ? Number(env['DYNAMODB_REQUEST_TIMEOUT_MS'])
      : DEFAULT_REQUEST_TIMEOUT_MS);
  checkPositiveInteger(requestTimeoutMs, 'requestTimeoutMs');
  checkPositiveInteger(options.connectionTimeoutMs, 'connectionTimeoutMs');
  const endpoint = options.endpoint ?? (env['DYNAMODB_ENDPOINT'] || undefined);
  const region = options.region ?? (env['AWS_REGION'] || (endpoint ? 'us-east-1' : undefined));
  const keepAlive = options.keepAlive ?? true;
  const config: DynamoDBClientConfig = {
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: options.retryMode ?? 'standard',
    requestHandler: {
      httpAgent: { keepAlive },
      httpsAgent: { keepAlive },
      requestTimeout: requestTimeoutMs,
      throwOnRequestTimeout: true,
      connectionTimeout: options.connectionTimeoutMs,
    },
  };
  if (endpoint !== undefined) config.endpoint = endpoint;
  if (region !== undefined) config.region = region;
  const capture = options.capture ?? captureAwsClient;
  return capture(new DynamoDBClient(config));
}

/**
 * Creates the DynamoDB document client every service uses: plain JavaScript values in and out,
 * `undefined` attributes dropped (`removeUndefinedValues`), the endpoint taken from
 * `DYNAMODB_ENDPOINT` when set (DynamoDB Local), keep-alive on, retries configurable, and the
 * client captured by the tracer.
 *
 * @example
 * import { getItem } from '@platform/persistence';
 *
 * // module scope of a handler: one client per container
 * const client = createDocumentClient();
 * const product = await getItem<{ sku: string; name: string }>(client, {
 *   tableName: 'catalog',
 *   key: { pk: 'T#acme#PRODUCT', sk: 'SKU-1' },
 * });
 */
export function createDocumentClient(options: DocumentClientOptions = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoDbClient(options), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
