import { getLogger, type Logger } from '@platform/observability';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from './errors';
import type { ApiHandler } from './http-handler';
import { withRequestContext } from './http-handler';
import { problemResponse } from './problem';
import { normaliseHeaders } from './request-state';

/** Options of {@link healthHandler}. */
export interface HealthHandlerOptions {
  /** Resolves when the service's dependencies answer (its table); rejects or resolves `false` otherwise. */
  check: () => Promise<boolean | void>;
  logger?: Logger;
}

/**
 * `GET /<service>/health`, public: 200 `{"status":"ok"}` when `check` passes, else 503
 * problem+json with `Retry-After`. Carries the correlation id like every other route.
 *
 * @example
 * export const handler = healthHandler({ check: () => store.ping() });
 */
export function healthHandler(options: HealthHandlerOptions): ApiHandler {
  return async (event: APIGatewayProxyEventV2, context) => {
    const headers = normaliseHeaders(event.headers);
    return withRequestContext(headers['x-correlation-id'], context, async (correlationId) => {
      const logger = options.logger ?? getLogger();
      let healthy = false;
      try {
        healthy = (await options.check()) !== false;
      } catch (error) {
        logger.warn({ err: error }, 'health check failed');
      }
      if (healthy) {
        return {
          statusCode: 200,
          headers: {
            'content-type': 'application/json',
            'x-correlation-id': correlationId,
            'cache-control': 'no-store',
          },
          body: JSON.stringify({ status: 'ok' }),
        };
      }
      const response = problemResponse(
        new HttpError(503, {
          detail: 'The service cannot reach its table.',
          headers: { 'retry-after': '5' },
        }),
        correlationId,
      );
      response.headers = { ...response.headers, 'x-correlation-id': correlationId };
      return response;
    });
  };
}
