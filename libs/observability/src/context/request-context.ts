import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line, trace annotation and downstream call made while handling one request needs
 * to know about that request.
 *
 * @example
 * import type { Context } from 'aws-lambda';
 * import { markInvocation } from '@platform/observability';
 *
 * declare const lambdaContext: Context;
 * const context: RequestContext = {
 *   correlationId: 'c0ffee00-1234',
 *   requestId: lambdaContext.awsRequestId,
 *   functionName: lambdaContext.functionName,
 *   coldStart: markInvocation(),
 * };
 */
export interface RequestContext {
  /** Travels with every call this request makes; matches {@link CORRELATION_ID_PATTERN}. */
  correlationId: string;
  /** The Lambda request id (`context.awsRequestId`). */
  requestId?: string;
  /** The Lambda function name (`context.functionName`). */
  functionName?: string;
  /** Whether this invocation is the first one of its execution environment. */
  coldStart?: boolean;
  /** The X-Ray trace id (`_X_AMZN_TRACE_ID`'s `Root`), when there is one. */
  traceId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Runs `fn` with `context` as the current request context: everything `fn` does, including what it
 * awaits, sees that context through {@link getRequestContext}, and every line logged meanwhile
 * carries its fields. Concurrent calls do not see each other's context.
 *
 * @example
 * import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
 * import { getLogger, resolveCorrelationId } from '@platform/observability';
 *
 * export const handler = (event: APIGatewayProxyEventV2, context: Context) =>
 *   runWithRequestContext(
 *     { correlationId: resolveCorrelationId(event.headers['x-correlation-id']), requestId: context.awsRequestId },
 *     async () => {
 *       getLogger().info('handling'); // carries correlationId and requestId
 *       return { statusCode: 204 };
 *     },
 *   );
 */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/**
 * Makes `context` the current request context from here on: the rest of the current call and
 * everything it awaits or schedules afterwards see it. For a middleware (middy's `before`), which
 * cannot wrap the handler in {@link runWithRequestContext}; a concurrent request entered elsewhere
 * keeps its own context. Call it synchronously, before the first `await` of the middleware.
 *
 * @example
 * import { resolveCorrelationId } from '@platform/observability';
 *
 * const requestContext = {
 *   before: (request: { event: { headers: Record<string, string | undefined> } }) =>
 *     enterRequestContext({ correlationId: resolveCorrelationId(request.event.headers['x-correlation-id']) }),
 * };
 */
export function enterRequestContext(context: RequestContext): void {
  storage.enterWith(context);
}

/**
 * The context of the request being handled, or `undefined` outside {@link runWithRequestContext}.
 *
 * @example
 * const headers = { 'x-correlation-id': getRequestContext()?.correlationId ?? 'none' };
 */
export function getRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
