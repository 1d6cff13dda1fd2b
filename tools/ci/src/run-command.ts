import { spawn } from 'node:child_process';

/** Calls `log` with each line `stream` carries, the last one too when it has no newline. */
export function forEachLine(stream: NodeJS.ReadableStream | null, log: (line: string) => void): void {
  let buffered = '';
  stream?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) log(part);
  });
  stream?.on('end', () => {
    if (buffered) log(buffered);
  });
}

/** How a command ended, with the last lines it printed (for an error message). */
export interface CommandOutcome {
  readonly code: number;
  readonly tail: readonly string[];
}

/**
 * Runs a command to its end, passing every line it prints (stdout and stderr) to `log`, and
 * resolves with its exit code (1 when it was killed by a signal) and its last 40 lines.
 *
 * @example
 * const { code } = await runCommand('make', ['build'], { log: console.log });
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; log: (line: string) => void },
): Promise<CommandOutcome> {
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    const log = (line: string): void => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      options.log(line);
    };
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    forEachLine(child.stdout, log);
    forEachLine(child.stderr, log);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, tail }));
  });
}
