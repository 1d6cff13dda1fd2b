import type { MiddlewareObj } from '@middy/core';
import type { Logger, PlatformMetrics } from '@platform/observability';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { HttpState } from './http-request';

/**
 * After, and on error (once the error is a response): one access line per request
 * (`method, route, status, durationMs`) and the request's metrics (count, 4xx/5xx, latency, cold
 * start), published as EMF.
 */
export function accessLog(
  dependencies: () => { logger: Pick<Logger, 'info'>; metrics: PlatformMetrics },
): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, Context, HttpState> {
  const record: NonNullable<
    MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, Context, HttpState>['after']
  > = (request) => {
    const { logger, metrics } = dependencies();
    const status = (request.response as APIGatewayProxyStructuredResultV2 | undefined)?.statusCode ?? 500;
    const durationMs = Math.round((performance.now() - request.internal.startedAt) * 1000) / 1000;
    logger.info(
      {
        method: request.event.requestContext?.http?.method,
        route: request.event.routeKey,
        status,
        durationMs,
      },
      'request completed',
    );
    metrics.recordRequest({ status, latencyMs: durationMs, coldStart: request.internal.coldStart });
    metrics.publish();
  };
  return { name: 'access-log', after: record, onError: record };
}
