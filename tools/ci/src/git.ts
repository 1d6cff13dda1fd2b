import { execFile } from 'node:child_process';
import { GitError } from './errors';

interface GitResult {
  readonly exitCode: number;
  readonly stdout: string;
}

/**
 * Runs `git <args>` in `cwd`. Exit codes listed in `acceptedExitCodes` (besides 0) are returned,
 * any other failure is a {@link GitError} carrying git's stderr.
 */
export function runGit(
  args: readonly string[],
  cwd: string,
  acceptedExitCodes: readonly number[] = [],
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      {
        cwd,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ exitCode: 0, stdout });
        const exitCode = typeof error.code === 'number' ? error.code : undefined;
        if (exitCode !== undefined && acceptedExitCodes.includes(exitCode)) {
          return resolve({ exitCode, stdout });
        }
        reject(
          new GitError(`git ${args.join(' ')} failed in ${cwd}: ${stderr.trim() || error.message}`, {
            cause: error,
          }),
        );
      },
    );
  });
}

/**
 * The full sha of the commit `ref` names in the repository at `cwd`, or `undefined` when it names
 * no commit there (unknown sha, missing branch, commit not fetched by a shallow clone).
 *
 * @example
 * await resolveCommit('HEAD', process.cwd()); // '3f2c…' (40 hex digits)
 */
export async function resolveCommit(ref: string, cwd: string): Promise<string | undefined> {
  if (ref === '') return undefined;
  const result = await runGit(
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`],
    cwd,
    [1],
  );
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/** Like {@link resolveCommit}, but a ref that names no commit is a {@link GitError}. */
export async function requireCommit(ref: string, cwd: string): Promise<string> {
  const sha = await resolveCommit(ref, cwd);
  if (sha === undefined) throw new GitError(`"${ref}" is not a commit of the repository at ${cwd}`);
  return sha;
}

/** Whether commit `ancestor` is `descendant` or one of its ancestors. Both must be full shas. */
export async function isAncestor(ancestor: string, descendant: string, cwd: string): Promise<boolean> {
  const result = await runGit(['merge-base', '--is-ancestor', ancestor, descendant], cwd, [1]);
  return result.exitCode === 0;
}

/** The best common ancestor of two commits, or `undefined` when their histories never meet. */
export async function mergeBase(a: string, b: string, cwd: string): Promise<string | undefined> {
  const result = await runGit(['merge-base', a, b], cwd, [1]);
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}
