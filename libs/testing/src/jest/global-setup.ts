import { type DynamoDbLocal, startDynamoDbLocal } from '../dynamodb/dynamodb-local';
import { DEV_ISSUER_JWKS_GLOBAL, serveDevIssuerJwks } from './dev-issuer-jwks';

/** Where the global setup keeps the running DynamoDB Local for the teardown. */
export const DYNAMODB_LOCAL_GLOBAL = '__platformDynamoDbLocal';

/**
 * Jest global setup, once per test run; test workers inherit the environment it sets:
 * - one DynamoDB Local, unless `DYNAMODB_ENDPOINT` already names one (`DYNAMODB_ENDPOINT`, dummy
 *   AWS credentials);
 * - the persisted dev issuer's JWKS on 127.0.0.1, unless `AUTH_JWKS_URL` is already set
 *   (`AUTH_ISSUER`, `AUTH_AUDIENCE`, `AUTH_JWKS_URL`), so `mintToken` tokens verify.
 *
 * @example
 * // jest.config.ts
 * import type { Config } from 'jest';
 *
 * const config: Config = {
 *   globalSetup: '@platform/testing/jest-global-setup',
 *   globalTeardown: '@platform/testing/jest-global-teardown',
 * };
 */
export default async function globalSetup(): Promise<void> {
  process.env['AWS_REGION'] ??= 'us-east-1';
  process.env['AWS_ACCESS_KEY_ID'] ??= 'local';
  process.env['AWS_SECRET_ACCESS_KEY'] ??= 'local';
  process.env['POWERTOOLS_TRACE_ENABLED'] ??= 'false';
  process.env['POWERTOOLS_DEV'] ??= 'true';
  if (!process.env['DYNAMODB_ENDPOINT']) {
    const ddb = await startDynamoDbLocal();
    process.env['DYNAMODB_ENDPOINT'] = ddb.endpoint;
    (globalThis as Record<string, unknown>)[DYNAMODB_LOCAL_GLOBAL] = ddb;
  }
  const jwks = await serveDevIssuerJwks();
  if (jwks) (globalThis as Record<string, unknown>)[DEV_ISSUER_JWKS_GLOBAL] = jwks;
}

/** The DynamoDB Local this run's global setup started, if it started one. */
export function startedDynamoDbLocal(): DynamoDbLocal | undefined {
  return (globalThis as Record<string, unknown>)[DYNAMODB_LOCAL_GLOBAL] as DynamoDbLocal | undefined;
}
