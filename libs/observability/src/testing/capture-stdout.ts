/** What was written to `process.stdout` while captured. */
export interface CapturedStdout {
  /** Every complete line written so far (without the newline). */
  lines(): string[];
  /** The lines that are JSON objects, parsed. */
  json(): Array<Record<string, unknown>>;
  /** The CloudWatch EMF lines (JSON objects with an `_aws` key), parsed. */
  emf(): Array<Record<string, unknown>>;
  /** Forgets what was written so far. */
  clear(): void;
  /** Stops capturing: `process.stdout.write` writes to the terminal again. */
  restore(): void;
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Captures what is written through `process.stdout.write` (where EMF metric lines go) instead of
 * printing it, until `restore()`. Lines written by a logger's default destination go straight to
 * file descriptor 1 and are not captured: use `captureLogs` or `captureSharedLogger` for those.
 *
 * @example
 * import { getMetrics } from '@platform/observability';
 *
 * const stdout = captureStdout();
 * try {
 *   getMetrics().addBusinessMetric('OrdersPlaced');
 *   getMetrics().publish();
 * } finally {
 *   stdout.restore();
 * }
 * expect(stdout.emf()[0]).toHaveProperty('OrdersPlaced', 1);
 */
export function captureStdout(): CapturedStdout {
  const original = process.stdout.write;
  let text = '';
  const capture = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;

  const lines = (): string[] => text.split('\n').slice(0, -1);
  const json = (): Array<Record<string, unknown>> =>
    lines().flatMap((line) => {
      const parsed = parseObject(line);
      return parsed === undefined ? [] : [parsed];
    });
  return {
    lines,
    json,
    emf: () => json().filter((record) => '_aws' in record),
    clear: () => {
      text = '';
    },
    restore: () => {
      process.stdout.write = original;
    },
  };
}
