import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

/** The SSM parameter the bootstrap stack writes with a stage's base URL (its one host). */
export function baseUrlParameter(stage: string): string {
  return `/serverless-factory/${stage}/base-url`;
}

/**
 * A stage's base URL, read from {@link baseUrlParameter} with the caller's AWS credentials. A
 * missing or empty parameter, or no credentials, fail with `fail(message)`: the caller's own error
 * class, so its CLI prints one line that says to pass BASE_URL or use the stage's credentials.
 *
 * @example
 * const url = await stageBaseUrl('dev', (message, cause) => new Error(message, { cause }));
 */
export async function stageBaseUrl(
  stage: string,
  fail: (message: string, cause?: unknown) => Error,
  ssm: Pick<SSMClient, 'send' | 'destroy'> = new SSMClient({}),
): Promise<string> {
  const name = baseUrlParameter(stage);
  let value: string | undefined;
  try {
    value = (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
  } catch (cause) {
    throw fail(
      `no BASE_URL given, and ${name} cannot be read (${(cause as Error).name}): pass BASE_URL=…, or run with the stage's AWS credentials after make bootstrap STAGE=${stage}`,
      cause,
    );
  } finally {
    ssm.destroy();
  }
  if (!value) throw fail(`${name} is empty: run make bootstrap STAGE=${stage}, or pass BASE_URL=…`);
  return value;
}
