import { DevIssuerError } from '@platform/auth/dev-issuer';
import { createCliRunner, ProjectGraphError, type CliRunner } from '@platform/ci';
import { TestingError } from '@platform/testing';
import { LocalStackError, UsageError } from './errors';

export type { CliProcess } from '@platform/ci';

/**
 * Runs one of the local stack's CLIs (`dev`, `token`, `seed`): a {@link UsageError} exits 2 with a
 * pointer to `--help`; the stack's, the test harness's, the dev issuer's and the project graph's
 * errors exit 1 with their one-line message; anything else exits 1 with its stack.
 *
 * @example
 * void runCli('token', async () => {
 *   // parse the arguments and do the work; a LocalStackError exits 1 with its message
 * });
 */
export const runCli: CliRunner = createCliRunner({
  isUsageError: (error): error is Error => error instanceof UsageError,
  isExplained: (error): error is Error =>
    error instanceof LocalStackError ||
    error instanceof TestingError ||
    error instanceof DevIssuerError ||
    error instanceof ProjectGraphError,
});
