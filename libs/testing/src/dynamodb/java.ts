import { spawnSync } from 'node:child_process';
import { JavaNotFoundError } from '../errors';

/** The oldest Java major version DynamoDB Local 3.x runs on. */
const MINIMUM_JAVA_MAJOR = 17;

/**
 * Returns the major version of the `java` on the PATH, or throws {@link JavaNotFoundError}
 * with a message that says what to install.
 *
 * @example
 * const major = assertJava(); // 17
 */
export function assertJava(javaBin = process.env['JAVA_BIN'] ?? 'java'): number {
  const result = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new JavaNotFoundError(`Could not run \`${javaBin} -version\`: ${result.error.message}.`, {
      cause: result.error,
    });
  }
  const text = `${result.stderr}${result.stdout}`;
  const major = parseJavaMajor(text);
  if (major === undefined) {
    throw new JavaNotFoundError(`Could not read a version from \`${javaBin} -version\`: ${text.trim()}`);
  }
  if (major < MINIMUM_JAVA_MAJOR) {
    throw new JavaNotFoundError(`Found Java ${major}, which is older than ${MINIMUM_JAVA_MAJOR}.`);
  }
  return major;
}

/** Reads the major version from `java -version` output (`"17.0.15"`, `"1.8.0_392"`, `"21"`). */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}
