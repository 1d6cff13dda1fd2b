import { DeployedShaStoreError } from './errors';

/**
 * Where the last commit deployed per service and stage is recorded. "Affected" on the deploy side
 * is measured from it, not from the last green workflow run, so a failed deploy (never recorded) is
 * retried by the next one.
 *
 * @example
 * import { FileDeployedShaStore } from './file-deployed-sha-store';
 * declare const sha: string;
 * const store: DeployedShaStore = new FileDeployedShaStore({ dir: '.local/deployed' });
 * await store.put('catalog', 'dev', sha);
 * await store.get('catalog', 'dev'); // sha
 */
export interface DeployedShaStore {
  /** The last commit deployed, or `undefined` when the service was never deployed to the stage. */
  get(service: string, stage: string): Promise<string | undefined>;
  /** Records `sha` (a full commit sha) as deployed. */
  put(service: string, stage: string, sha: string): Promise<void>;
}

/** A full commit sha: 40 hex digits (SHA-1 repositories) or 64 (SHA-256 repositories). */
const FULL_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/;

/** A service, stage or application name usable in a path and an SSM parameter name. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Whether `value` is a full, lower-case commit sha. */
export function isFullSha(value: string): boolean {
  return FULL_SHA.test(value);
}

/** Throws a {@link DeployedShaStoreError} unless `value` is a safe name for `what`. */
export function assertName(what: string, value: string): void {
  if (!NAME.test(value)) {
    throw new DeployedShaStoreError(
      `${what} "${value}" must start with a letter or digit and hold only letters, digits, ".", "_" and "-"`,
    );
  }
}

/** Throws a {@link DeployedShaStoreError} unless `sha` is a full commit sha. */
export function assertFullSha(sha: string, where: string): void {
  if (!isFullSha(sha))
    throw new DeployedShaStoreError(`${where} holds "${sha}", which is not a full commit sha`);
}
