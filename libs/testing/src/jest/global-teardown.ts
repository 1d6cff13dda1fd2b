import { DYNAMODB_LOCAL_GLOBAL, startedDynamoDbLocal } from './global-setup';

/** Jest global teardown: stops the DynamoDB Local that the global setup started. */
export default async function globalTeardown(): Promise<void> {
  const ddb = startedDynamoDbLocal();
  if (!ddb) return;
  await ddb.stop();
  delete process.env['DYNAMODB_ENDPOINT'];
  delete (globalThis as Record<string, unknown>)[DYNAMODB_LOCAL_GLOBAL];
}
