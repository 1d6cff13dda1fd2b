import middy, { type MiddlewareObj } from '@middy/core';
import {
  getLogger,
  getMetrics,
  getRequestContext,
  type Logger,
  type PlatformMetrics,
} from '@platform/observability';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import { InvalidPayloadError } from './errors';
import type { HttpState } from './middleware/http-request';
import { correlationFromPayload, requestContext } from './middleware/request-context';
import { fieldErrors } from './middleware/validation';
import { useEnglishMessages } from './zod-messages';

/** What an internal function's body receives besides its payload. */
export interface InvocationContext {
  correlationId: string;
  logger: Logger;
  context: Context;
}

/** Before: the payload checked against `schema`, and replaced by its parsed value. */
function payloadValidation(
  schema: core.$ZodType,
): MiddlewareObj<unknown, unknown, Error, Context, HttpState> {
  useEnglishMessages();
  return {
    name: 'payload-validation',
    before: (request) => {
      const parsed = z.safeParse(schema, request.event);
      if (!parsed.success) {
        throw new InvalidPayloadError(
          fieldErrors('body', parsed.error, request.event).map((e) => ({
            ...e,
            path: e.path.replace(/^body\.?/, '') || '(root)',
          })),
        );
      }
      request.event = parsed.data;
    },
  };
}

/**
 * After, and on error: one line per invocation with its outcome and duration, and the metrics the
 * body recorded published (EMF); errors are logged and rethrown.
 */
function invocationLog(
  logger: () => Logger,
  metrics: () => Pick<PlatformMetrics, 'publish'>,
): MiddlewareObj<unknown, unknown, Error, Context, HttpState> {
  const line = (outcome: string, startedAt: number, functionName: string): void => {
    const durationMs = Math.round((performance.now() - startedAt) * 1000) / 1000;
    logger().info({ function: functionName, outcome, durationMs }, 'invocation completed');
    metrics().publish();
  };
  return {
    name: 'invocation-log',
    after: (request) => line('ok', request.internal.startedAt, request.context.functionName),
    onError: (request) => {
      logger().error({ err: request.error }, 'invocation failed');
      const outcome = request.error instanceof InvalidPayloadError ? 'invalid-payload' : 'error';
      line(outcome, request.internal.startedAt, request.context.functionName);
    },
  };
}

/**
 * A handler for a function invoked directly (Lambda `Invoke`, no HTTP route), for service-to-service
 * calls: the platform's middy stack with the payload's `correlationId` field as the correlation
 * id, the payload validated with `schema` (an {@link InvalidPayloadError} fails the invocation),
 * one line per invocation with its outcome and duration, and the metrics it recorded published.
 *
 * @example
 * type Reservation = { tenantId: string; orderId: string; lines: Array<{ sku: string; qty: number }> };
 * declare const ReserveRequest: z.ZodMiniType<Reservation>; // the payload's zod schema
 * declare function reserveStock(request: Reservation): Promise<{ status: 'RESERVED' | 'REJECTED' }>;
 * export const handler = invokeHandler({ payload: ReserveRequest }, (request) => reserveStock(request));
 */
export function invokeHandler<S extends core.$ZodType, R>(
  options: { payload: S; logger?: Logger; metrics?: Pick<PlatformMetrics, 'publish'> },
  handle: (payload: core.output<S>, invocation: InvocationContext) => Promise<R>,
): (event: unknown, context: Context) => Promise<R> {
  const logger = (): Logger => options.logger ?? getLogger();
  const stack = middy<unknown, unknown, Error, Context, HttpState>({ timeoutEarlyInMillis: 0 })
    .use(requestContext(correlationFromPayload))
    .use(invocationLog(logger, () => options.metrics ?? getMetrics()))
    .use(payloadValidation(options.payload))
    .handler(async (payload: unknown, context: Context) =>
      handle(payload as core.output<S>, {
        correlationId: getRequestContext()?.correlationId ?? '',
        logger: logger(),
        context,
      }),
    );
  return stack as unknown as (event: unknown, context: Context) => Promise<R>;
}
