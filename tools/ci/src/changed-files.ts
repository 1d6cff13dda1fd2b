import { mergeBase, requireCommit, resolveCommit, runGit } from './git';

/**
 * What changed between two commits: a list of paths relative to the repository root, or
 * "everything" when no trustworthy base exists (first push, unknown or unrelated base), with why.
 */
export type ChangedFiles =
  | { readonly kind: 'files'; readonly files: readonly string[] }
  | { readonly kind: 'everything'; readonly reason: string };

/** A sha of zeros: what GitHub sends as `before` for a new branch. */
const NULL_SHA = /^0+$/;

async function diffNames(from: string, to: string, cwd: string): Promise<string[]> {
  // --no-renames lists a move as delete + add, so both the old and the new path count;
  // -z keeps paths with spaces or non-ASCII characters unquoted.
  const { stdout } = await runGit(
    ['diff', '--name-only', '--no-renames', '--no-relative', '-z', from, to, '--'],
    cwd,
  );
  return stdout.split('\0').filter((path) => path !== '');
}

/**
 * The files that differ between `base` and `head` in the repository at `cwd`.
 *
 * - `base` an ancestor of `head`: `git diff base...head`.
 * - `base` not an ancestor (a rewritten branch, a deploy from another branch): the union of what
 *   `head` added since the fork point (`base...head`) and of every difference between the two trees
 *   (`base head`), so a change that exists only in `base` counts too.
 * - `base` missing, all zeros, unknown here, or sharing no history with `head`: everything.
 *
 * @throws {GitError} when `head` is not a commit, or git fails.
 * @example
 * await changedFiles('origin/main', 'HEAD', process.cwd()); // { kind: 'files', files: ['libs/http/src/x.ts'] }
 */
export async function changedFiles(
  base: string | undefined,
  head: string,
  cwd: string,
): Promise<ChangedFiles> {
  const headSha = await requireCommit(head, cwd);
  if (base === undefined || base.trim() === '' || NULL_SHA.test(base)) {
    return { kind: 'everything', reason: 'no base commit' };
  }
  const baseSha = await resolveCommit(base, cwd);
  if (baseSha === undefined) {
    return { kind: 'everything', reason: `base ${base} is not a known commit` };
  }
  if (baseSha === headSha) return { kind: 'files', files: [] };
  const forkPoint = await mergeBase(baseSha, headSha, cwd);
  if (forkPoint === undefined) {
    return { kind: 'everything', reason: `base ${base} shares no history with head ${head}` };
  }
  const files = new Set(await diffNames(forkPoint, headSha, cwd));
  if (forkPoint !== baseSha) for (const file of await diffNames(baseSha, headSha, cwd)) files.add(file);
  return { kind: 'files', files: [...files].sort() };
}
