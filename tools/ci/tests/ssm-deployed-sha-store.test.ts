import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startAwsEmulator, type AwsEmulator } from '@platform/testing';
import { DeployedShaStoreError } from '../src/errors';
import { SsmDeployedShaStore, type SsmParameterClient } from '../src/ssm-deployed-sha-store';

const sha = 'a'.repeat(40);

describe('SsmDeployedShaStore (against the AWS API emulator)', () => {
  let aws: AwsEmulator;
  let ssm: SSMClient;
  beforeAll(async () => {
    aws = await startAwsEmulator();
    ssm = new SSMClient({
      endpoint: aws.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
    });
  });
  afterAll(async () => {
    ssm.destroy();
    await aws.stop();
  });

  it('names the parameter /<app>/<stage>/<service>/deployed-sha', () => {
    expect(new SsmDeployedShaStore({ client: ssm }).parameterName('catalog', 'prod')).toBe(
      '/serverless-factory/prod/catalog/deployed-sha',
    );
    expect(new SsmDeployedShaStore({ client: ssm, app: 'shop' }).parameterName('catalog', 'dev')).toBe(
      '/shop/dev/catalog/deployed-sha',
    );
  });

  it('reads nothing for a parameter that does not exist', async () => {
    await expect(new SsmDeployedShaStore({ client: ssm }).get('catalog', 'never')).resolves.toBeUndefined();
  });

  it('writes a String parameter, overwriting the previous one, and reads it back', async () => {
    const store = new SsmDeployedShaStore({ client: ssm });
    await store.put('catalog', 'dev', 'b'.repeat(40));
    await store.put('catalog', 'dev', sha);
    const { Parameter } = await ssm.send(
      new GetParameterCommand({ Name: '/serverless-factory/dev/catalog/deployed-sha' }),
    );
    expect(Parameter).toMatchObject({ Value: sha, Type: 'String', Version: 2 });
    await expect(store.get('catalog', 'dev')).resolves.toBe(sha);
  });

  it('refuses to write something that is not a full sha, and writes nothing', async () => {
    await expect(new SsmDeployedShaStore({ client: ssm }).put('inventory', 'dev', 'main')).rejects.toThrow(
      DeployedShaStoreError,
    );
    await expect(new SsmDeployedShaStore({ client: ssm }).get('inventory', 'dev')).resolves.toBeUndefined();
  });

  it('reports a parameter whose value is not a sha', async () => {
    await ssm.send(
      new PutParameterCommand({
        Name: '/serverless-factory/qa/catalog/deployed-sha',
        Value: 'oops',
        Type: 'String',
      }),
    );
    await expect(new SsmDeployedShaStore({ client: ssm }).get('catalog', 'qa')).rejects.toThrow(
      'SSM parameter /serverless-factory/qa/catalog/deployed-sha holds "oops", which is not a full commit sha',
    );
  });

  it('turns any other SSM failure into a DeployedShaStoreError carrying the cause (failure injected: denied)', async () => {
    const denied = new Error('AccessDeniedException: not authorized to perform ssm:GetParameter');
    const refusing: SsmParameterClient = { send: () => Promise.reject(denied) };
    const store = new SsmDeployedShaStore({ client: refusing });
    const reading = store.get('catalog', 'dev');
    await expect(reading).rejects.toThrow(DeployedShaStoreError);
    await expect(reading).rejects.toMatchObject({ cause: denied });
    await expect(store.put('catalog', 'dev', sha)).rejects.toThrow(
      'cannot write SSM parameter /serverless-factory/dev/catalog/deployed-sha',
    );
  });

  it('refuses an app name that is not a parameter path segment', () => {
    expect(() => new SsmDeployedShaStore({ client: ssm, app: 'a/b' })).toThrow(DeployedShaStoreError);
  });
});
