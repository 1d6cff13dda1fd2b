import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../../src/dev-stack-process';

const tsx = join(WORKSPACE_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Runs `tools/local/src/cli/<cli>.ts` with tsx from the workspace root, as make and npm do. */
export function runLocalCli(
  cli: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    [tsx, join(WORKSPACE_ROOT, 'tools/local/src/cli', `${cli}.ts`), ...args],
    {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
      // FORCE_COLOR=0 (nx sets FORCE_COLOR; with NO_COLOR as well, Node warns on stderr).
      env: { ...process.env, FORCE_COLOR: '0', ...env },
      timeout: 60_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
