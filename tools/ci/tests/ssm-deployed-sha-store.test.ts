import {
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  type GetParameterCommandOutput,
  type PutParameterCommandOutput,
} from '@aws-sdk/client-ssm';
import { DeployedShaStoreError } from '../src/errors';
import { SsmDeployedShaStore, type SsmParameterClient } from '../src/ssm-deployed-sha-store';

const sha = 'a'.repeat(40);

/** An in-memory Parameter Store that answers the two commands like SSM does. */
class FakeSsm implements SsmParameterClient {
  readonly parameters = new Map<string, { value: string; type: string; overwrite: boolean | undefined }>();
  failWith: unknown;

  send(command: GetParameterCommand): Promise<GetParameterCommandOutput>;
  send(command: PutParameterCommand): Promise<PutParameterCommandOutput>;
  async send(
    command: GetParameterCommand | PutParameterCommand,
  ): Promise<GetParameterCommandOutput | PutParameterCommandOutput> {
    if (this.failWith !== undefined) throw this.failWith;
    const name = command.input.Name ?? '';
    if (command instanceof PutParameterCommand) {
      this.parameters.set(name, {
        value: command.input.Value ?? '',
        type: command.input.Type ?? '',
        overwrite: command.input.Overwrite,
      });
      return { $metadata: {}, Version: 1 };
    }
    const parameter = this.parameters.get(name);
    if (parameter === undefined)
      throw new ParameterNotFound({ message: `Parameter ${name} not found.`, $metadata: {} });
    return { $metadata: {}, Parameter: { Name: name, Value: parameter.value, Type: 'String' } };
  }
}

describe('SsmDeployedShaStore', () => {
  let ssm: FakeSsm;

  beforeEach(() => {
    ssm = new FakeSsm();
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
    await expect(new SsmDeployedShaStore({ client: ssm }).get('catalog', 'dev')).resolves.toBeUndefined();
  });

  it('writes a String parameter, overwriting the previous one, and reads it back', async () => {
    const store = new SsmDeployedShaStore({ client: ssm });
    await store.put('catalog', 'dev', sha);
    expect(ssm.parameters.get('/serverless-factory/dev/catalog/deployed-sha')).toEqual({
      value: sha,
      type: 'String',
      overwrite: true,
    });
    await expect(store.get('catalog', 'dev')).resolves.toBe(sha);
  });

  it('refuses to write something that is not a full sha', async () => {
    await expect(new SsmDeployedShaStore({ client: ssm }).put('catalog', 'dev', 'main')).rejects.toThrow(
      DeployedShaStoreError,
    );
    expect(ssm.parameters.size).toBe(0);
  });

  it('reports a parameter whose value is not a sha', async () => {
    ssm.parameters.set('/serverless-factory/dev/catalog/deployed-sha', {
      value: 'oops',
      type: 'String',
      overwrite: true,
    });
    await expect(new SsmDeployedShaStore({ client: ssm }).get('catalog', 'dev')).rejects.toThrow(
      'SSM parameter /serverless-factory/dev/catalog/deployed-sha holds "oops", which is not a full commit sha',
    );
  });

  it('turns any other SSM failure into a DeployedShaStoreError carrying the cause', async () => {
    const denied = new Error('AccessDeniedException: not authorized to perform ssm:GetParameter');
    ssm.failWith = denied;
    const store = new SsmDeployedShaStore({ client: ssm });
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
