import type { Tracer } from '@aws-lambda-powertools/tracer';
import { getRequestContext } from '../context/request-context';

/** What {@link createTraceOperations} needs besides the tracer. */
export interface TraceOperationsDependencies {
  /** Whether Node resolves stack traces through source maps right now. */
  sourceMapsEnabled: () => boolean;
  /** Writes one warning log line. */
  warn: (message: string) => void;
}

/** The tracing helpers, bound to one tracer. */
export interface TraceOperations {
  captureAwsClient<T>(client: T): T;
  withSubsegment<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** Said once per process when SDK capture is skipped because source maps are on. */
export const SOURCE_MAPS_WARNING =
  'AWS SDK client capture skipped: source maps are enabled at runtime (--enable-source-maps), and X-Ray ' +
  'captures a stack trace on every SDK call, which then resolves source maps and adds latency to each call. ' +
  'Remove --enable-source-maps from NODE_OPTIONS to trace SDK calls.';

/** The annotation under which each subsegment carries the request's correlation id. */
export const CORRELATION_ID_ANNOTATION = 'correlationId';

/**
 * Builds `captureAwsClient` and `withSubsegment` on `tracer`. The package's exports bind them to
 * the shared tracer; tests bind them to a tracer of their own.
 */
export function createTraceOperations(
  tracer: Tracer,
  dependencies: TraceOperationsDependencies,
): TraceOperations {
  let warned = false;

  return {
    captureAwsClient<T>(client: T): T {
      if (!tracer.isTracingEnabled()) return client;
      if (dependencies.sourceMapsEnabled()) {
        if (!warned) dependencies.warn(SOURCE_MAPS_WARNING);
        warned = true;
        return client;
      }
      return tracer.captureAWSv3Client(client);
    },

    async withSubsegment<T>(name: string, fn: () => Promise<T>): Promise<T> {
      if (!tracer.isTracingEnabled()) return fn();
      const traced = tracer.provider.captureAsyncFunc(name, async (subsegment) => {
        const correlationId = getRequestContext()?.correlationId;
        if (correlationId !== undefined) subsegment?.addAnnotation(CORRELATION_ID_ANNOTATION, correlationId);
        try {
          return await fn();
        } catch (error) {
          subsegment?.addError(error instanceof Error ? error : new Error(String(error)));
          throw error;
        } finally {
          subsegment?.close();
        }
      });
      return traced as Promise<T>;
    },
  };
}
