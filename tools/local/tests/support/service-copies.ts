import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../../src/dev-stack-process';

/**
 * A temporary workspace holding copies of the catalog service under the given names (its
 * serverless.yml's `service:` renamed), so that a test edits and runs them without touching a file
 * of the repository; the rest (serverless config, libs, tools, node_modules) is linked.
 */
export function serviceCopies(
  names: readonly string[],
  prefix = 'local-stack-copies-',
): {
  workspace: string;
  services: Array<{ name: string; dir: string }>;
} {
  const workspace = mkdtempSync(join(tmpdir(), prefix));
  for (const shared of [
    'node_modules',
    'libs',
    'serverless',
    'tools',
    'tsconfig.base.json',
    'nx.json',
    'package.json',
  ]) {
    symlinkSync(join(WORKSPACE_ROOT, shared), join(workspace, shared));
  }
  const services = names.map((name) => {
    const dir = join(workspace, 'apps', name);
    mkdirSync(dir, { recursive: true });
    for (const entry of ['src', 'serverless.yml', 'package.json', 'tsconfig.json']) {
      cpSync(join(WORKSPACE_ROOT, 'apps', 'catalog', entry), join(dir, entry), { recursive: true });
    }
    const yml = join(dir, 'serverless.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^service: catalog$/m, `service: ${name}`));
    return { name, dir };
  });
  return { workspace, services };
}
