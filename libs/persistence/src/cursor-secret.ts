import type { GetParameterCommand, GetParameterCommandOutput, SSMClient } from '@aws-sdk/client-ssm';
import { MIN_CURSOR_SECRET_BYTES } from './cursor-codec';
import { PersistenceConfigError } from './errors';
import { translateError } from './translate-error';

/**
 * The one SSM call {@link loadCursorSecret} makes; an `SSMClient` fits.
 *
 * @example
 * // a stand-in for tests, answering every read with the same secret
 * const ssm: SsmParameterReader = {
 *   send: async () => ({ Parameter: { Value: 'x'.repeat(32) }, $metadata: {} }),
 * };
 */
interface SsmParameterReader {
  send(command: GetParameterCommand): Promise<GetParameterCommandOutput>;
}

/**
 * Options of {@link loadCursorSecret}.
 *
 * @example
 * import * as ssmSdk from '@aws-sdk/client-ssm';
 * import { captureAwsClient } from '@platform/observability';
 *
 * const ssm = captureAwsClient(new ssmSdk.SSMClient({ region: 'eu-west-1' }));
 * const secret = await loadCursorSecret(process.env, { ssm });
 */
export interface LoadCursorSecretOptions {
  /** The SSM client to read the parameter with (default: a new `SSMClient` for `AWS_REGION`). */
  ssm?: SsmParameterReader;
}

/**
 * The SSM client, loaded on first use. Bundles leave it out (`exclude` in
 * serverless/service-defaults.yml): a function gets it from the Lambda runtime, which ships the AWS
 * SDK, and only the functions that read the cursor secret ever load it (ADR-010). A plain `require`,
 * not `import()`: the runtime's SDK is found through NODE_PATH, which only CommonJS resolution reads.
 */
function ssmClientModule(): typeof import('@aws-sdk/client-ssm') {
  return require('@aws-sdk/client-ssm') as typeof import('@aws-sdk/client-ssm');
}

function checkLength(secret: string, source: string): string {
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_CURSOR_SECRET_BYTES) {
    throw new PersistenceConfigError(
      `The cursor secret from ${source} must be at least ${MIN_CURSOR_SECRET_BYTES} bytes long, got ${bytes}.`,
    );
  }
  return secret;
}

/**
 * Loads the secret that signs paging cursors: env `CURSOR_SECRET` when set, else the SSM
 * SecureString named by env `CURSOR_SECRET_PARAMETER` (read with decryption). Throws
 * {@link PersistenceConfigError} naming both variables when neither is set, and when the secret is
 * shorter than 32 bytes or the parameter does not exist. Call it once, at start-up.
 *
 * @example
 * import { createCursorCodec } from '@platform/persistence';
 *
 * // module scope of a handler
 * const codec = createCursorCodec(await loadCursorSecret());
 */
export async function loadCursorSecret(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadCursorSecretOptions = {},
): Promise<string> {
  const inline = env['CURSOR_SECRET'];
  if (inline) return checkLength(inline, 'CURSOR_SECRET');
  const parameterName = env['CURSOR_SECRET_PARAMETER'];
  if (!parameterName) {
    throw new PersistenceConfigError(
      'No cursor secret: set CURSOR_SECRET, or CURSOR_SECRET_PARAMETER to the name of an SSM SecureString holding it.',
    );
  }
  const ssmModule = ssmClientModule();
  const region = env['AWS_REGION'];
  let ownClient: SSMClient | undefined;
  const ssm = options.ssm ?? (ownClient = new ssmModule.SSMClient(region ? { region } : {}));
  let value: string | undefined;
  try {
    const output = await ssm.send(
      new ssmModule.GetParameterCommand({ Name: parameterName, WithDecryption: true }),
    );
    value = output.Parameter?.Value;
  } catch (error) {
    if (error instanceof ssmModule.ParameterNotFound) {
      throw new PersistenceConfigError(
        `The SSM parameter ${parameterName} named by CURSOR_SECRET_PARAMETER does not exist.`,
        { cause: error },
      );
    }
    throw translateError(error);
  } finally {
    ownClient?.destroy();
  }
  if (!value) {
    throw new PersistenceConfigError(
      `The SSM parameter ${parameterName} named by CURSOR_SECRET_PARAMETER is empty.`,
    );
  }
  return checkLength(value, `the SSM parameter ${parameterName}`);
}
