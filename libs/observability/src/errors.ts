/**
 * Base class of every error thrown by `@platform/observability`.
 *
 * @example
 * import { createLogger } from '@platform/observability';
 *
 * try {
 *   createLogger({ level: 'loud' });
 * } catch (error) {
 *   if (error instanceof ObservabilityError) process.exitCode = 1;
 * }
 */
export class ObservabilityError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ObservabilityError';
  }
}

/**
 * A log level (from `LOG_LEVEL` or `LoggerOptions.level`) that pino does not know.
 *
 * @example
 * import { createLogger } from '@platform/observability';
 *
 * expect(() => createLogger({ level: 'loud' })).toThrow(InvalidLogLevelError);
 */
export class InvalidLogLevelError extends ObservabilityError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidLogLevelError';
  }
}

/**
 * A metric that CloudWatch EMF cannot carry: an empty or over-long name, a value that is not a
 * finite number, an unknown unit, or a request record with an impossible status or latency.
 *
 * @example
 * import { createMetrics } from '@platform/observability';
 *
 * expect(() => createMetrics().addBusinessMetric('', 1)).toThrow(InvalidMetricError);
 */
export class InvalidMetricError extends ObservabilityError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidMetricError';
  }
}
