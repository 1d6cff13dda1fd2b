import { join } from 'node:path';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { DeployedShaStore } from './deployed-sha-store';
import { FileDeployedShaStore } from './file-deployed-sha-store';
import { DEFAULT_APP, SsmDeployedShaStore } from './ssm-deployed-sha-store';

/** The kinds of {@link DeployedShaStore} the CLIs can use. */
export type DeployedShaStoreKind = 'ssm' | 'file';

/** Every {@link DeployedShaStoreKind}. */
export const DEPLOYED_SHA_STORE_KINDS: readonly DeployedShaStoreKind[] = ['file', 'ssm'];

/** Options of {@link createDeployedShaStore}. */
export interface CreateDeployedShaStoreOptions {
  /** Workspace root: the file store defaults to `<cwd>/.local/deployed`. */
  readonly cwd: string;
  /** File store folder (overrides the default). */
  readonly dir?: string;
  /** SSM parameter prefix (default `serverless-factory`). */
  readonly app?: string;
}

/**
 * Builds the store a CLI was asked for. The SSM store uses the default AWS credential chain and
 * region (`AWS_REGION`), as set by aws-actions/configure-aws-credentials in a workflow.
 *
 * @example
 * createDeployedShaStore('file', { cwd: process.cwd() }); // .local/deployed/<stage>/<service>
 */
export function createDeployedShaStore(
  kind: DeployedShaStoreKind,
  options: CreateDeployedShaStoreOptions,
): DeployedShaStore {
  if (kind === 'ssm')
    return new SsmDeployedShaStore({ client: new SSMClient({}), app: options.app ?? DEFAULT_APP });
  return new FileDeployedShaStore({ dir: options.dir ?? join(options.cwd, '.local', 'deployed') });
}
