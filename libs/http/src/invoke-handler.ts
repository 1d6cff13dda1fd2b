import { getLogger, type Logger } from '@platform/observability';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { withRequestContext } from './http-handler';
import { InvalidPayloadError } from './errors';
import { fieldErrors } from './middleware/validation';

/** What an internal function's body receives besides its payload. */
export interface InvocationContext {
  correlationId: string;
  logger: Logger;
  context: Context;
}

/**
 * A handler for a function invoked directly (Lambda `Invoke`, no HTTP route), for service-to-service
 * calls. The payload is validated with `schema` (an {@link InvalidPayloadError} fails the
 * invocation), its `correlationId` field joins the caller's correlation id to every log line, and
 * one line per invocation records outcome and duration.
 *
 * @example
 * export const handler = invokeHandler({ payload: ReserveRequest }, (request) => reserveStock(request));
 */
export function invokeHandler<S extends z.ZodType, R>(
  options: { payload: S; logger?: Logger },
  handle: (payload: z.output<S>, invocation: InvocationContext) => Promise<R>,
): (event: unknown, context: Context) => Promise<R> {
  return async (event, context) => {
    const started = performance.now();
    const candidate = (event as { correlationId?: unknown } | null | undefined)?.correlationId;
    return withRequestContext(candidate, context, async (correlationId) => {
      const logger = options.logger ?? getLogger();
      let outcome = 'ok';
      try {
        const parsed = options.payload.safeParse(event);
        if (!parsed.success) {
          outcome = 'invalid-payload';
          throw new InvalidPayloadError(
            fieldErrors('body', parsed.error, event).map((e) => ({
              ...e,
              path: e.path.replace(/^body\.?/, '') || '(root)',
            })),
          );
        }
        return await handle(parsed.data, { correlationId, logger, context });
      } catch (error) {
        if (outcome === 'ok') outcome = 'error';
        logger.error({ err: error }, 'invocation failed');
        throw error;
      } finally {
        const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
        logger.info({ function: context.functionName, outcome, durationMs }, 'invocation completed');
      }
    });
  };
}
