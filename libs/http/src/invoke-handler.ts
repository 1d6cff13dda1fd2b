import middy, { type MiddlewareObj } from '@middy/core';
import {
  getLogger,
  getMetrics,
  getRequestContext,
  type Logger,
  type PlatformMetrics,
} from '@platform/observability';
import { type JwtVerifier, type Principal, requireScopes, UnauthorizedError } from '@platform/auth';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import { InvalidPayloadError } from './errors';
import { defaultVerifier } from './http-handler';
import type { HttpState } from './middleware/http-request';
import { correlationFromPayload, requestContext } from './middleware/request-context';
import { fieldErrors } from './middleware/validation';
import { useEnglishMessages } from './zod-messages';

/** What {@link invokeHandler} takes besides the body: the payload's schema, and stand-ins for tests. */
interface InvokeOptions<S extends core.$ZodType> {
  payload: S;
  logger?: Logger;
  metrics?: Pick<PlatformMetrics, 'publish'>;
}

/** What an internal function's body receives besides its payload. */
export interface InvocationContext {
  correlationId: string;
  logger: Logger;
  context: Context;
}

/** What a function that proves its caller receives: the customer the forwarded token names. */
export interface CallerContext extends InvocationContext {
  principal: Principal;
}

/**
 * Before, ahead of everything else: the payload's `token` (the customer's bearer token the caller
 * forwards) verified like an HTTP request's, with every scope in `scopes`; an invocation without a
 * valid one fails with the verifier's {@link UnauthorizedError} or `ForbiddenError` and runs nothing.
 */
function callerAuthentication(
  verifier: () => JwtVerifier,
  scopes: readonly string[],
): MiddlewareObj<unknown, unknown, Error, Context, HttpState> {
  return {
    name: 'caller-authentication',
    before: async (request) => {
      const token = (request.event as { token?: unknown } | null)?.token;
      if (typeof token !== 'string' || token === '') {
        throw new UnauthorizedError('the payload carries no caller token', { realm: 'internal' });
      }
      const principal = await verifier().verify(token);
      requireScopes(principal, scopes);
      // Handed to the body on the context, as httpHandler hands its request.
      (request.context as Context & { principal?: Principal }).principal = principal;
    },
  };
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
 * With `caller`, the caller is proven first: the payload's `token` must be a valid customer token
 * holding `caller.scopes`, and the body gets its {@link Principal} (take the tenant from it, never
 * from the payload).
 *
 * @example
 * type Reservation = { tenantId: string; orderId: string; lines: Array<{ sku: string; qty: number }> };
 * declare const ReserveRequest: z.ZodMiniType<Reservation>; // the payload's zod schema
 * declare function reserveStock(request: Reservation): Promise<{ status: 'RESERVED' | 'REJECTED' }>;
 * export const handler = invokeHandler({ payload: ReserveRequest }, (request) => reserveStock(request));
 *
 * @example
 * type Release = { token: string; orderId: string };
 * declare const ReleaseRequest: z.ZodMiniType<Release>;
 * declare function releaseStock(tenantId: string, orderId: string): Promise<{ status: 'RELEASED' }>;
 * export const release = invokeHandler(
 *   { payload: ReleaseRequest, caller: { scopes: ['orders:write'] } },
 *   (request, { principal }) => releaseStock(principal.tenantId, request.orderId),
 * );
 */
export function invokeHandler<S extends core.$ZodType, R>(
  options: InvokeOptions<S> & { caller: { scopes: readonly string[]; verifier?: JwtVerifier } },
  handle: (payload: core.output<S>, invocation: CallerContext) => Promise<R>,
): (event: unknown, context: Context) => Promise<R>;
export function invokeHandler<S extends core.$ZodType, R>(
  options: InvokeOptions<S>,
  handle: (payload: core.output<S>, invocation: InvocationContext) => Promise<R>,
): (event: unknown, context: Context) => Promise<R>;
export function invokeHandler<S extends core.$ZodType, R>(
  options: InvokeOptions<S> & { caller?: { scopes: readonly string[]; verifier?: JwtVerifier } },
  handle: (payload: core.output<S>, invocation: CallerContext) => Promise<R>,
): (event: unknown, context: Context) => Promise<R> {
  const logger = (): Logger => options.logger ?? getLogger();
  let stack = middy<unknown, unknown, Error, Context, HttpState>({ timeoutEarlyInMillis: 0 })
    .use(requestContext(correlationFromPayload))
    .use(invocationLog(logger, () => options.metrics ?? getMetrics()));
  const caller = options.caller;
  if (caller) {
    stack = stack.use(callerAuthentication(() => caller.verifier ?? defaultVerifier(), caller.scopes));
  }
  const handler = stack
    .use(payloadValidation(options.payload))
    .handler(async (payload: unknown, context: Context & { principal?: Principal }) =>
      handle(payload as core.output<S>, {
        correlationId: getRequestContext()?.correlationId ?? '',
        logger: logger(),
        context,
        principal: context.principal as Principal,
      }),
    );
  return handler as unknown as (event: unknown, context: Context) => Promise<R>;
}
