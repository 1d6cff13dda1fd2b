import { Tracer } from '@aws-lambda-powertools/tracer';
import { readEnvironment } from '../environment';
import { getLogger } from '../logging/shared-logger';
import { sourceMapsEnabled } from './source-maps';
import { createTraceOperations } from './trace-operations';

/**
 * The process-wide Powertools Tracer, named after the service (`SERVICE_NAME`, else
 * `POWERTOOLS_SERVICE_NAME`). It is on only inside AWS Lambda with active tracing, and off when
 * `POWERTOOLS_TRACE_ENABLED=false` (as in the local stack and in tests); when off, every helper
 * here is a plain pass-through. With tracing on, outgoing `http`/`https`/`fetch` calls are traced
 * too (Powertools' default).
 *
 * @example
 * if (tracer.isTracingEnabled()) tracer.putMetadata('order', { lines: 3 });
 */
export const tracer: Tracer = new Tracer({ serviceName: readEnvironment().service });

const operations = createTraceOperations(tracer, {
  sourceMapsEnabled: () => sourceMapsEnabled(),
  warn: (message) => getLogger().warn(message),
});

/**
 * Returns the AWS SDK v3 client with X-Ray capture (one subsegment per SDK call) when tracing is
 * on, and the client as it is when tracing is off. Never combine with source maps at runtime: when
 * `--enable-source-maps` is in `process.execArgv` or `NODE_OPTIONS`, capture is skipped and one
 * warning line is logged for the whole process.
 *
 * @example
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 *
 * const dynamodb = captureAwsClient(new DynamoDBClient({}));
 */
export function captureAwsClient<T>(client: T): T {
  return operations.captureAwsClient(client);
}

/**
 * Runs `fn` (a downstream call) in its own X-Ray subsegment named `name`, annotated with the
 * current request's correlation id (annotation `correlationId`) and marked with the error when
 * `fn` rejects. When tracing is off it simply calls `fn`. Resolves or rejects as `fn` does.
 *
 * @example
 * declare const catalog: { getProduct(sku: string): Promise<unknown> };
 * declare const sku: string;
 * const product = await withSubsegment('catalog.getProduct', () => catalog.getProduct(sku));
 */
export function withSubsegment<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return operations.withSubsegment(name, fn);
}
