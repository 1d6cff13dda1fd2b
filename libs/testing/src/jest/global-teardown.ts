import type { JwksServer } from '../auth/jwks-server';
import { AUTH_ENV_NAMES, DEV_ISSUER_JWKS_GLOBAL } from './dev-issuer-jwks';
import { DYNAMODB_LOCAL_GLOBAL, startedDynamoDbLocal } from './global-setup';

/** Jest global teardown: stops what the global setup started (DynamoDB Local, the dev issuer's JWKS server). */
export default async function globalTeardown(): Promise<void> {
  const globals = globalThis as Record<string, unknown>;
  const jwks = globals[DEV_ISSUER_JWKS_GLOBAL] as JwksServer | undefined;
  if (jwks) {
    await jwks.close();
    for (const name of AUTH_ENV_NAMES) delete process.env[name];
    delete globals[DEV_ISSUER_JWKS_GLOBAL];
  }
  const ddb = startedDynamoDbLocal();
  if (!ddb) return;
  await ddb.stop();
  delete process.env['DYNAMODB_ENDPOINT'];
  delete globals[DYNAMODB_LOCAL_GLOBAL];
}
