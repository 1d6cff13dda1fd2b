import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyItemAlreadyExistsError,
  IdempotencyPersistenceLayerError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { createHash } from 'node:crypto';
import { bearerToken } from '@platform/auth';
import { conflict, created, HttpError, httpHandler, serviceUnavailable } from '@platform/http';
import { getMetrics } from '@platform/observability';
import { createIdempotencyPersistence } from '@platform/persistence';
import { placeOrder } from '../api/routes';
import { config } from '../config';
import { logger, newOrderId, orders } from '../dependencies';
import { catalog, inventory } from '../downstream';
import { IdempotencyKeyReusedError } from '../domain/errors';
import { placeOrder as place } from '../domain/place-order';
import { type Order, orderView, type RequestedLine } from '../domain/order';

/** What identifies a request (hashed into the idempotency record) and what must match on a replay. */
interface IdempotentInput {
  /** `<tenant>:<customer>:<Idempotency-Key>`: one customer's keys never collide with another's. */
  key: string;
  request: { customerId: string; lines: RequestedLine[] };
}

/** Time kept between this function's answer and its timeout. */
const ANSWER_MARGIN_MS = 1_000;

const idempotency = new IdempotencyConfig({
  eventKeyJmesPath: 'key',
  payloadValidationJmesPath: 'request',
  expiresAfterSeconds: config.IDEMPOTENCY_TTL_SECONDS,
  throwOnNoIdempotencyKey: true,
});

/**
 * Places the order at most once per key: a replay with the same body answers the stored order, a
 * replay with another body fails validation (409 idempotency-key-reused). A failed attempt stores
 * nothing, so the same key can be retried.
 */
const placeOnce = makeIdempotent(
  async (
    input: IdempotentInput,
    call: { tenantId: string; key: string; token: string; correlationId: string; deadline: number },
  ): Promise<Order> => {
    const customer = { tenantId: call.tenantId, customerId: input.request.customerId };
    // Every try of this key places the same order, so a retry reuses its hold (ADR-011).
    const fingerprint = createHash('sha256').update(JSON.stringify(input.request.lines)).digest('base64url');
    const orderId = await orders.orderIdFor(customer, call.key, fingerprint, newOrderId());
    const order = await place(
      {
        catalog,
        inventory,
        orders,
        now: () => new Date(),
        logger,
        inventoryTimeoutMs: config.INVENTORY_TIMEOUT_MS,
      },
      {
        ...customer,
        lines: input.request.lines,
        orderId,
        deadline: call.deadline,
        token: call.token,
        correlationId: call.correlationId,
      },
    );
    getMetrics().addBusinessMetric('OrdersPlaced');
    return order;
  },
  {
    persistenceStore: createIdempotencyPersistence({ tableName: config.TABLE_NAME }),
    config: idempotency,
    dataIndexArgument: 0,
  },
);

/** What Powertools' idempotency errors mean to the client (this route is the one that uses it). */
function idempotencyProblem(error: unknown): HttpError | undefined {
  if (error instanceof IdempotencyValidationError || error instanceof IdempotencyKeyReusedError) {
    return conflict('idempotency-key-reused', 'This Idempotency-Key was used with a different request body.');
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return new HttpError(409, {
      type: 'idempotency-key-in-progress',
      detail: 'A request with this Idempotency-Key is still being processed; retry shortly.',
      headers: { 'retry-after': '1' },
    });
  }
  if (
    error instanceof IdempotencyPersistenceLayerError ||
    error instanceof IdempotencyItemAlreadyExistsError
  ) {
    return serviceUnavailable('The idempotency store is unavailable; retry.', 1);
  }
  return undefined;
}

export const handler = httpHandler(
  { ...placeOrder, mapError: (error) => placeOrder.mapError?.(error) ?? idempotencyProblem(error) },
  async ({ body, parsedHeaders, principal, headers, correlationId, context }) => {
    idempotency.registerLambdaContext(context);
    const order = await placeOnce(
      {
        key: `${principal.tenantId}:${principal.sub}:${parsedHeaders['idempotency-key']}`,
        request: { customerId: principal.sub, lines: body.lines },
      },
      {
        tenantId: principal.tenantId,
        key: parsedHeaders['idempotency-key'],
        token: bearerToken(headers['authorization']),
        correlationId,
        deadline: Date.now() + context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS,
      },
    );
    // A replay answers the stored order: the same view makes it the same bytes as the first answer.
    return created(orderView(order), { location: `/orders/${order.orderId}` });
  },
);
