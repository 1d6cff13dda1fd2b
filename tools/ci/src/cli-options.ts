import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

/**
 * `parseArgs` from node:util, strict, with its errors (unknown option, missing value, unexpected
 * argument) turned into {@link UsageError}s.
 *
 * @example
 * const { values } = parseCliArgs({ args: ['--stage', 'dev'], options: { stage: { type: 'string' } } });
 */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>({ strict: true, ...config });
  } catch (error) {
    if (isParseArgsError(error)) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/** node:util's parse errors carry an `ERR_PARSE_ARGS_*` code. */
function isParseArgsError(error: unknown): error is { code: string; message: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_PARSE_ARGS') &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/** The value of a required option: a {@link UsageError} names the option when it is missing or empty. */
export function requiredOption(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** The value of an option limited to `choices` (`fallback` when absent). */
export function choiceOption<T extends string>(
  value: string | undefined,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  const choice = choices.find((candidate) => candidate === value);
  if (choice === undefined)
    throw new UsageError(`--${name} must be one of ${choices.join(', ')} (got "${value}")`);
  return choice;
}

/** A comma-separated list option (`a,b`), blanks dropped; `undefined` when absent. */
export function listOption(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
