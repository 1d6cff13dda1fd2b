import { LAMBDA_PATH } from './gateway';
import { offlineAwsEnvironment } from './serverless-cli';

/** What every service of a running stack is told about the stack. */
export interface StackWiring {
  /** `http://127.0.0.1:<port>` of DynamoDB. */
  dynamodbEndpoint: string;
  /** The gateway's port on 127.0.0.1. */
  gatewayPort: number;
  /** `iss` and `aud` of the dev issuer, which the services must trust. */
  issuer: string;
  audience: string;
  /** Signs paging cursors (≥ 32 bytes). */
  cursorSecret: string;
  /** The name of every service of the stack. */
  services: Iterable<string>;
}

/** `orders` → `ORDERS`, `my-service` → `MY_SERVICE`: the prefix of a service's variables. */
export function environmentPrefix(service: string): string {
  return service.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/**
 * The environment of each `serverless offline` process (and, through `--localEnvironment`, of its
 * handlers): the caller's environment, dummy AWS credentials, DynamoDB's endpoint, the dev issuer
 * as `AUTH_ISSUER`/`AUTH_AUDIENCE` (serverless.yml resolves its params from them) with its JWKS on
 * the gateway as `AUTH_JWKS_URL`, the cursor secret, tracing off, `STAGE_BASE_URL` (the gateway:
 * it plays the stage's one host, where every service S answers under `/s/…`; serverless.yml's
 * `stageBaseUrl` param of the local stage reads it), and for every service S of the stack
 * `S_LAMBDA_ENDPOINT`, the gateway's Lambda endpoint of S (`/_lambda/<s>`, which starts S when it
 * is not running): orders finds catalog and `INVENTORY_LAMBDA_ENDPOINT` without the stack knowing
 * about orders.
 *
 * @example
 * declare const wiring: StackWiring;
 * serviceEnvironment(wiring, process.env)['INVENTORY_LAMBDA_ENDPOINT']; // 'http://127.0.0.1:3000/_lambda/inventory'
 */
export function serviceEnvironment(
  wiring: StackWiring,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const gateway = `http://127.0.0.1:${wiring.gatewayPort}`;
  const env: NodeJS.ProcessEnv = {
    ...offlineAwsEnvironment(base),
    DYNAMODB_ENDPOINT: wiring.dynamodbEndpoint,
    AUTH_ISSUER: wiring.issuer,
    AUTH_AUDIENCE: wiring.audience,
    AUTH_JWKS_URL: `${gateway}/.well-known/jwks.json`,
    STAGE_BASE_URL: gateway,
    CURSOR_SECRET: wiring.cursorSecret,
    POWERTOOLS_TRACE_ENABLED: 'false',
    // Bundles of the running stack live apart from `serverless package`'s (serverless/service-defaults.yml).
    ESBUILD_WORK_FOLDER: '.esbuild-local',
    // serverless-offline and chalk print no colour codes into the pipes the stack reads.
    FORCE_COLOR: '0',
  };
  for (const service of wiring.services) {
    env[`${environmentPrefix(service)}_LAMBDA_ENDPOINT`] = `${gateway}${LAMBDA_PATH}/${service}`;
  }
  return env;
}
