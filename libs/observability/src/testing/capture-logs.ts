import type { Logger } from 'pino';
import { type LoggerOptions, createLogger } from '../logging/create-logger';
import { replaceSharedLogger } from '../logging/shared-logger';

/** A real logger writing to memory, and what it wrote. */
export interface CapturedLogs {
  /** The logger: {@link createLogger}'s, with its fields, mixin and redaction. */
  logger: Logger;
  /** Every line written so far, parsed. */
  lines(): Array<Record<string, unknown>>;
  /** Forgets the lines written so far. */
  clear(): void;
}

/** {@link CapturedLogs} for the shared logger, which stays swapped until `restore()`. */
export interface CapturedSharedLogs extends CapturedLogs {
  /** Puts the previous shared logger back. */
  restore(): void;
}

/**
 * Creates a real logger (same shape, context fields and redaction as {@link createLogger}) that
 * writes to memory, for asserting log lines. Its level is `options.level`, else `trace`, so that
 * every line is captured.
 *
 * @example
 * const { logger, lines } = captureLogs({ service: 'orders' });
 * logger.info({ password: 'hunter2' }, 'signed in');
 * expect(lines()).toEqual([expect.objectContaining({ msg: 'signed in', password: '[Redacted]' })]);
 */
export function captureLogs(options: LoggerOptions = {}): CapturedLogs {
  let written: string[] = [];
  const logger = createLogger({
    ...options,
    level: options.level ?? 'trace',
    destination: { write: (chunk) => void written.push(chunk) },
  });
  return {
    logger,
    lines: () =>
      written
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    clear: () => {
      written = [];
    },
  };
}

/**
 * Like {@link captureLogs}, and makes the captured logger the one `getLogger()` returns until
 * `restore()` — for code that logs through the shared logger.
 *
 * @example
 * import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
 *
 * declare function handler(event: APIGatewayProxyEventV2, context: Context): Promise<unknown>;
 * declare const event: APIGatewayProxyEventV2, context: Context;
 * const logs = captureSharedLogger();
 * afterAll(() => logs.restore());
 * it('logs one access line', async () => {
 *   await handler(event, context);
 *   expect(logs.lines()).toContainEqual(expect.objectContaining({ status: 200 }));
 * });
 */
export function captureSharedLogger(options: LoggerOptions = {}): CapturedSharedLogs {
  const captured = captureLogs(options);
  const previous = replaceSharedLogger(captured.logger);
  return { ...captured, restore: () => void replaceSharedLogger(previous) };
}
