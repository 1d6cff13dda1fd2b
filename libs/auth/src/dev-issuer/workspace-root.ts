import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DevIssuerError } from '../errors';

function walkUpToNxJson(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Finds the workspace root: the nearest folder, from `from` upwards, that holds `nx.json`. Without
 * `from` it starts at the working directory and, failing that, at this module's folder. Throws
 * {@link DevIssuerError} when there is none.
 *
 * @example
 * findWorkspaceRoot(); // '/home/me/serverless-factory'
 * findWorkspaceRoot('/home/me/serverless-factory/apps/orders/src'); // '/home/me/serverless-factory'
 */
export function findWorkspaceRoot(from?: string): string {
  const found =
    from !== undefined
      ? walkUpToNxJson(from)
      : (walkUpToNxJson(process.cwd()) ??
        (typeof __dirname === 'string' ? walkUpToNxJson(__dirname) : undefined));
  if (found === undefined) {
    throw new DevIssuerError(
      `No nx.json in ${resolve(from ?? process.cwd())} or any folder above it: ` +
        'run inside the workspace, or set DEV_ISSUER_DIR.',
    );
  }
  return found;
}
