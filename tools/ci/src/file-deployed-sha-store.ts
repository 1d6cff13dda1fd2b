import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertFullSha, assertName, type DeployedShaStore } from './deployed-sha-store';
import { DeployedShaStoreError } from './errors';

/** Options of {@link FileDeployedShaStore}. */
export interface FileDeployedShaStoreOptions {
  /** The folder holding `<stage>/<service>` files, e.g. `<workspace>/.local/deployed`. */
  readonly dir: string;
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/**
 * A {@link DeployedShaStore} on disk, one file per service and stage (`<dir>/<stage>/<service>`,
 * holding the sha): for local runs and tests.
 *
 * @example
 * const store = new FileDeployedShaStore({ dir: join(process.cwd(), '.local/deployed') });
 */
export class FileDeployedShaStore implements DeployedShaStore {
  readonly #dir: string;

  constructor(options: FileDeployedShaStoreOptions) {
    this.#dir = options.dir;
  }

  /** The file recording `service` in `stage`. */
  pathOf(service: string, stage: string): string {
    assertName('service', service);
    assertName('stage', stage);
    return join(this.#dir, stage, service);
  }

  async get(service: string, stage: string): Promise<string | undefined> {
    const path = this.pathOf(service, stage);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isMissingFile(error)) return undefined;
      throw new DeployedShaStoreError(`cannot read ${path}`, { cause: error });
    }
    const sha = text.trim();
    assertFullSha(sha, path);
    return sha;
  }

  async put(service: string, stage: string, sha: string): Promise<void> {
    const path = this.pathOf(service, stage);
    assertFullSha(sha, `the sha to record for ${service} in ${stage}`);
    try {
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a reader never sees half a sha.
      const partial = `${path}.${process.pid}.tmp`;
      await writeFile(partial, `${sha}\n`);
      await rename(partial, path);
    } catch (error) {
      throw new DeployedShaStoreError(`cannot write ${path}`, { cause: error });
    }
  }
}
