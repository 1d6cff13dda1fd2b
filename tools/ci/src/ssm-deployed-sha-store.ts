import {
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  type GetParameterCommandOutput,
  type PutParameterCommandOutput,
} from '@aws-sdk/client-ssm';
import { assertFullSha, assertName, type DeployedShaStore } from './deployed-sha-store';
import { DeployedShaStoreError } from './errors';

/** The application name that prefixes every parameter unless told otherwise. */
export const DEFAULT_APP = 'serverless-factory';

/** The smallest part of an `SSMClient` the store uses: `send` of the two commands. */
export interface SsmParameterClient {
  send(command: GetParameterCommand): Promise<GetParameterCommandOutput>;
  send(command: PutParameterCommand): Promise<PutParameterCommandOutput>;
}

/** Options of {@link SsmDeployedShaStore}. */
export interface SsmDeployedShaStoreOptions {
  /** An `SSMClient` (or a fake with the same `send`). */
  readonly client: SsmParameterClient;
  /** First segment of the parameter names (default `serverless-factory`). */
  readonly app?: string;
}

/**
 * A {@link DeployedShaStore} on AWS Systems Manager Parameter Store: one String parameter per
 * service and stage, `/<app>/<stage>/<service>/deployed-sha`, in the stage's own account.
 *
 * @example
 * import { SSMClient } from '@aws-sdk/client-ssm';
 * const store = new SsmDeployedShaStore({ client: new SSMClient({}) });
 * await store.get('catalog', 'prod'); // reads /serverless-factory/prod/catalog/deployed-sha
 */
export class SsmDeployedShaStore implements DeployedShaStore {
  readonly #client: SsmParameterClient;
  readonly #app: string;

  constructor(options: SsmDeployedShaStoreOptions) {
    this.#client = options.client;
    this.#app = options.app ?? DEFAULT_APP;
    assertName('app', this.#app);
  }

  /** The parameter recording `service` in `stage`. */
  parameterName(service: string, stage: string): string {
    assertName('service', service);
    assertName('stage', stage);
    return `/${this.#app}/${stage}/${service}/deployed-sha`;
  }

  async get(service: string, stage: string): Promise<string | undefined> {
    const name = this.parameterName(service, stage);
    let output: GetParameterCommandOutput;
    try {
      output = await this.#client.send(new GetParameterCommand({ Name: name }));
    } catch (error) {
      if (error instanceof ParameterNotFound) return undefined;
      throw new DeployedShaStoreError(`cannot read SSM parameter ${name}: ${String(error)}`, {
        cause: error,
      });
    }
    const sha = output.Parameter?.Value;
    if (sha === undefined) return undefined;
    assertFullSha(sha, `SSM parameter ${name}`);
    return sha;
  }

  async put(service: string, stage: string, sha: string): Promise<void> {
    const name = this.parameterName(service, stage);
    assertFullSha(sha, `the sha to record for ${service} in ${stage}`);
    try {
      await this.#client.send(
        new PutParameterCommand({
          Name: name,
          Value: sha,
          Type: 'String',
          Overwrite: true,
          Description: `Last commit of ${service} deployed to ${stage} (tools/ci make deploy)`,
        }),
      );
    } catch (error) {
      throw new DeployedShaStoreError(`cannot write SSM parameter ${name}: ${String(error)}`, {
        cause: error,
      });
    }
  }
}
