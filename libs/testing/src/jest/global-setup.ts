import { type DynamoDbLocal, startDynamoDbLocal } from '../dynamodb/dynamodb-local';

/** Where the global setup keeps the running DynamoDB Local for the teardown. */
export const DYNAMODB_LOCAL_GLOBAL = '__platformDynamoDbLocal';

/**
 * Jest global setup: one DynamoDB Local per test run, unless `DYNAMODB_ENDPOINT` already names
 * one. Test workers inherit `DYNAMODB_ENDPOINT` and dummy AWS credentials from here.
 *
 * @example
 * // jest.config.js
 * globalSetup: '@platform/testing/jest-global-setup',
 * globalTeardown: '@platform/testing/jest-global-teardown',
 */
export default async function globalSetup(): Promise<void> {
  process.env['AWS_REGION'] ??= 'us-east-1';
  process.env['AWS_ACCESS_KEY_ID'] ??= 'local';
  process.env['AWS_SECRET_ACCESS_KEY'] ??= 'local';
  process.env['POWERTOOLS_TRACE_ENABLED'] ??= 'false';
  process.env['POWERTOOLS_DEV'] ??= 'true';
  if (process.env['DYNAMODB_ENDPOINT']) return;
  const ddb = await startDynamoDbLocal();
  process.env['DYNAMODB_ENDPOINT'] = ddb.endpoint;
  (globalThis as Record<string, unknown>)[DYNAMODB_LOCAL_GLOBAL] = ddb;
}

/** The DynamoDB Local this run's global setup started, if it started one. */
export function startedDynamoDbLocal(): DynamoDbLocal | undefined {
  return (globalThis as Record<string, unknown>)[DYNAMODB_LOCAL_GLOBAL] as DynamoDbLocal | undefined;
}
