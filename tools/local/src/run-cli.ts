import { DevIssuerError } from '@platform/auth/dev-issuer';
import { ProjectGraphError } from '@platform/ci';
import { TestingError } from '@platform/testing';
import { LocalStackError, UsageError } from './errors';

/** Where {@link runCli} reports errors and sets the exit code (the process by default). */
export interface CliProcess {
  writeError(text: string): void;
  setExitCode(code: number): void;
}

const realProcess: CliProcess = {
  writeError: (text) => process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/** Errors whose message is written for the developer: printed alone, never with a stack trace. */
function isExplained(error: unknown): error is Error {
  return (
    error instanceof LocalStackError ||
    error instanceof TestingError ||
    error instanceof DevIssuerError ||
    error instanceof ProjectGraphError
  );
}

/**
 * Runs a CLI's `main` and turns its outcome into an exit code: `main`'s own code (0 when it returns
 * nothing), 2 for a {@link UsageError} (with a pointer to `--help`), 1 for any other error — a
 * known one printed as its one message, anything unexpected with its stack.
 *
 * @example
 * void runCli('token', async () => { … });
 */
export async function runCli(
  name: string,
  main: () => Promise<number | void>,
  cliProcess: CliProcess = realProcess,
): Promise<number> {
  let code: number;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      cliProcess.writeError(`${name}: ${error.message}\nRun with --help for usage.\n`);
      code = 2;
    } else if (isExplained(error)) {
      cliProcess.writeError(`${name}: ${error.message}\n`);
      code = 1;
    } else {
      cliProcess.writeError(
        `${name}: unexpected error\n${error instanceof Error ? error.stack : String(error)}\n`,
      );
      code = 1;
    }
  }
  cliProcess.setExitCode(code);
  return code;
}
