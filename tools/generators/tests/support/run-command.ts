import { spawnSync } from 'node:child_process';
import { workspaceRoot } from './virtual-workspace';

/** What a finished command printed, and how it ended. */
export interface CommandResult {
  command: string;
  status: number | null;
  output: string;
}

/**
 * Runs a command to completion (at most `timeoutMs`), stdout and stderr together, with the test
 * runner's own variables taken out of its environment. Assert with
 * `expect(result).toMatchObject({ status: 0 })`: a failure shows the command and its output.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): CommandResult {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    FORCE_COLOR: '0',
    SLS_TELEMETRY_DISABLED: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  for (const name of ['NX_SKIP_FORMAT', 'JEST_WORKER_ID', 'NODE_ENV']) delete env[name];
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? workspaceRoot,
    env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    command: [command, ...args].join(' '),
    status: result.status,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`,
  };
}
