import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startAwsEmulator, type AwsEmulator } from '@platform/testing';
import { baseUrlParameter, stageBaseUrl } from '../src/stage-base-url';

class ToolError extends Error {}

describe('stageBaseUrl (against the AWS API emulator)', () => {
  let aws: AwsEmulator;
  const client = (): SSMClient =>
    new SSMClient({
      endpoint: aws.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
    });
  const fail = (message: string, cause?: unknown): Error => new ToolError(message, { cause });

  beforeAll(async () => {
    aws = await startAwsEmulator();
  });
  afterAll(async () => {
    await aws.stop();
  });

  it('reads the base URL the bootstrap stack wrote for the stage', async () => {
    const ssm = client();
    await ssm.send(
      new PutParameterCommand({
        Name: baseUrlParameter('dev'),
        Value: 'https://api.dev.example',
        Type: 'String',
      }),
    );
    await expect(stageBaseUrl('dev', fail, client())).resolves.toBe('https://api.dev.example');
    ssm.destroy();
  });

  it("fails with the caller's error, naming the parameter and what to do, when the stage has none", async () => {
    const error = await stageBaseUrl('qa', fail, client()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as Error).message).toBe(
      "no BASE_URL given, and /serverless-factory/qa/base-url cannot be read (ParameterNotFound): pass BASE_URL=…, or run with the stage's AWS credentials after make bootstrap STAGE=qa",
    );
  });
});
