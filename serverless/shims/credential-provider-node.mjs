// What function bundles get for `@aws-sdk/credential-provider-node` (alias in service-defaults.yml).
// Lambda hands a function its credentials in the environment (AWS_ACCESS_KEY_ID, …), and a container
// endpoint where it does not; the local stack sets the same variables. The SDK's default chain would
// also try profiles, SSO, login, credential processes, web identity and the EC2 metadata service:
// 130 KB of code in every bundle that never runs in a function (ADR-010). Same providers, same order.
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { chain, memoize } from '@smithy/core/config';

const FIVE_MINUTES = 300_000;

export const defaultProvider = (init = {}) =>
  memoize(
    // fromHttp checks its variables when it is created: create it only when the environment has none.
    chain(fromEnv(init), () => fromHttp(init)()),
    (credentials) =>
      credentials.expiration !== undefined && credentials.expiration.getTime() - Date.now() < FIVE_MINUTES,
    (credentials) => credentials.expiration !== undefined,
  );
