import { CiError, UsageError } from './errors';

/** Where a CLI runner reports errors and sets the exit code (the process by default). */
export interface CliProcess {
  writeError(text: string): void;
  setExitCode(code: number): void;
}

/** Which errors a CLI runner treats as the user's: a usage error, or one whose message says it all. */
export interface CliErrorKinds {
  /** A wrong command line: exit 2, with a pointer to `--help`. */
  isUsageError(error: unknown): error is Error;
  /** An error written for the user: printed as its one message, never with a stack trace. */
  isExplained(error: unknown): error is Error;
}

/** Runs a CLI's `main`; see {@link createCliRunner}. */
export type CliRunner = (
  name: string,
  main: () => Promise<number | void>,
  cliProcess?: CliProcess,
) => Promise<number>;

const realProcess: CliProcess = {
  writeError: (text) => process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/**
 * Makes the function that runs a CLI's `main` and turns its outcome into an exit code: `main`'s own
 * code (0 when it returns nothing), 2 for a usage error (with a pointer to `--help`), 1 for any other
 * error — an explained one printed as its one message, anything unexpected with its stack. Every
 * platform CLI shares it, each with its own error classes.
 *
 * @example
 * class ToolError extends Error {}
 * const runToolCli = createCliRunner({
 *   isUsageError: (e): e is Error => e instanceof UsageError,
 *   isExplained: (e): e is Error => e instanceof ToolError,
 * });
 * void runToolCli('token', async () => {
 *   // parse the arguments and do the work; a ToolError exits 1 with its message
 * });
 */
export function createCliRunner(kinds: CliErrorKinds): CliRunner {
  return async (name, main, cliProcess = realProcess) => {
    let code: number;
    try {
      code = (await main()) ?? 0;
    } catch (error) {
      if (kinds.isUsageError(error)) {
        cliProcess.writeError(`${name}: ${error.message}\nRun with --help for usage.\n`);
        code = 2;
      } else if (kinds.isExplained(error)) {
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
  };
}

/**
 * Runs one of `@platform/ci`'s CLIs: a {@link UsageError} exits 2, a {@link CiError} exits 1 with its
 * message, anything else exits 1 with its stack.
 *
 * @example
 * void runCli('affected', async () => {
 *   // parse the arguments and do the work; return an exit code, or nothing for 0
 * });
 */
export const runCli: CliRunner = createCliRunner({
  isUsageError: (error): error is Error => error instanceof UsageError,
  isExplained: (error): error is Error => error instanceof CiError,
});
