import type { Logger } from '@platform/observability';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { HttpError } from './errors';
import { type ApiHandler, dependencyResolver, type HttpDependencies, httpStack } from './http-handler';
import { ok } from './responses';

/** Options of {@link healthHandler}. */
export interface HealthHandlerOptions {
  /** Resolves when the service's dependencies answer (its table); rejects or resolves `false` otherwise. */
  check: () => Promise<boolean | void>;
  logger?: Logger;
  /** Replace the environment-built dependencies (tests). */
  dependencies?: Partial<HttpDependencies>;
}

/**
 * `GET /<service>/health`, public: 200 `{"status":"ok"}` when `check` passes, else 503
 * problem+json with `Retry-After`. The same middy stack as every route (correlation id, CORS,
 * access line, problems), without body, validation or authentication.
 *
 * @example
 * declare const store: { ping(): Promise<void> }; // rejects when the table cannot be reached
 * export const handler = healthHandler({ check: () => store.ping() });
 */
export function healthHandler(options: HealthHandlerOptions): ApiHandler {
  const dependencies = dependencyResolver({
    ...options.dependencies,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const stack = httpStack({}, dependencies).handler(
    async (_event: APIGatewayProxyEventV2, _context: Context) => {
      let healthy = false;
      try {
        healthy = (await options.check()) !== false;
      } catch (error) {
        dependencies().logger.warn({ err: error }, 'health check failed');
      }
      if (!healthy) {
        throw new HttpError(503, {
          detail: 'The service cannot reach its table.',
          headers: { 'retry-after': '5' },
        });
      }
      return ok({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
    },
  );
  return stack as unknown as ApiHandler;
}
