import type { MiddlewareObj } from '@middy/core';
import { enterRequestContext, markInvocation, resolveCorrelationId } from '@platform/observability';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type HttpState, normaliseHeaders } from './http-request';

/** Where a stack finds the caller's correlation id in its event. */
export type CorrelationSource = (event: unknown, headers: Record<string, string>) => unknown;

/** HTTP: the `x-correlation-id` header. */
export const correlationFromHeader: CorrelationSource = (_event, headers) => headers['x-correlation-id'];

/** Direct invocation: the payload's `correlationId` field. */
export const correlationFromPayload: CorrelationSource = (event) =>
  (event as { correlationId?: unknown } | null | undefined)?.correlationId;

/**
 * First in every stack. Before: the request's state (headers, correlation id — accepted when it
 * matches `^[A-Za-z0-9._-]{8,128}$`, else generated — cold start, start time) and the request
 * context every log line and downstream call of the request carries. After, and on error: the
 * correlation id echoed in `x-correlation-id` (HTTP responses only).
 */
export function requestContext(
  source: CorrelationSource,
): MiddlewareObj<unknown, unknown, Error, Context, HttpState> {
  const echo = (response: unknown, correlationId: string): void => {
    if (typeof response !== 'object' || response === null || !('statusCode' in response)) return;
    const http = response as APIGatewayProxyStructuredResultV2;
    http.headers = { ...http.headers, 'x-correlation-id': correlationId };
  };
  return {
    name: 'request-context',
    // Synchronous on purpose: the request context must be entered before the first await.
    before: (request) => {
      const headers = normaliseHeaders(
        (request.event as { headers?: Record<string, string | undefined> } | null)?.headers,
      );
      const correlationId = resolveCorrelationId(source(request.event, headers));
      const coldStart = markInvocation();
      const traceId = process.env['_X_AMZN_TRACE_ID'];
      Object.assign(request.internal, { correlationId, coldStart, startedAt: performance.now(), headers });
      enterRequestContext({
        correlationId,
        coldStart,
        ...(request.context.awsRequestId ? { requestId: request.context.awsRequestId } : {}),
        ...(request.context.functionName ? { functionName: request.context.functionName } : {}),
        ...(traceId ? { traceId } : {}),
      });
    },
    after: (request) => echo(request.response, request.internal.correlationId),
    onError: (request) => echo(request.response, request.internal.correlationId),
  };
}
