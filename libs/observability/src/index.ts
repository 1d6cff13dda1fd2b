export type { Logger } from 'pino';
export { ObservabilityError, InvalidLogLevelError, InvalidMetricError } from './errors';
export {
  runWithRequestContext,
  enterRequestContext,
  getRequestContext,
  type RequestContext,
} from './context/request-context';
export { CORRELATION_ID_PATTERN, resolveCorrelationId } from './context/correlation-id';
export { markInvocation } from './context/cold-start';
export { createLogger, type LoggerOptions } from './logging/create-logger';
export { getLogger } from './logging/shared-logger';
export { tracer, captureAwsClient, withSubsegment } from './tracing/shared-tracer';
export {
  createMetrics,
  type MetricsOptions,
  type PlatformMetrics,
  type RequestOutcome,
  type BusinessMetricUnit,
} from './metrics/platform-metrics';
export type { MetricsDestination } from './metrics/emf-metrics';
export { getMetrics } from './metrics/shared-metrics';
