import type { Logger } from 'pino';
import { createLogger } from './create-logger';

let shared: Logger | undefined;

/**
 * The process-wide logger, created by {@link createLogger} with its defaults on first use. Libs and
 * handlers log through it so that every line of a service has the same shape.
 *
 * @example
 * getLogger().info({ sku: 'ABC-1' }, 'price changed');
 */
export function getLogger(): Logger {
  shared ??= createLogger();
  return shared;
}

/**
 * Swaps the instance {@link getLogger} returns (undefined: create a fresh one on next use) and
 * returns the previous one. For `@platform/observability/testing` only.
 */
export function replaceSharedLogger(logger: Logger | undefined): Logger | undefined {
  const previous = shared;
  shared = logger;
  return previous;
}
