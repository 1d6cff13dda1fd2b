import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyItemAlreadyExistsError,
  IdempotencyPersistenceLayerError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { bearerToken } from '@platform/auth';
import { conflict, created, HttpError, httpHandler, serviceUnavailable } from '@platform/http';
import { getMetrics } from '@platform/observability';
import { createIdempotencyPersistence } from '@platform/persistence';
import { placeOrder } from '../api/routes';
import { config } from '../config';
import { logger, newOrderId, orders } from '../dependencies';
import { catalog, inventory } from '../downstream';
import { placeOrder as place } from '../domain/place-order';
import { type Order, orderView, type RequestedLine } from '../domain/order';

/** What identifies a request (hashed into the idempotency record) and what must match on a replay. */
interface IdempotentInput {
  /** `<tenant>:<customer>:<Idempotency-Key>`: one customer's keys never collide with another's. */
  key: string;
  request: { customerId: string; lines: RequestedLine[] };
}

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
    call: { tenantId: string; token: string; correlationId: string },
  ): Promise<Order> => {
    const order = await place(
      { catalog, inventory, orders, newOrderId: () => newOrderId(), now: () => new Date(), logger },
      {
        tenantId: call.tenantId,
        customerId: input.request.customerId,
        lines: input.request.lines,
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
  if (error instanceof IdempotencyValidationError) {
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
      { tenantId: principal.tenantId, token: bearerToken(headers['authorization']), correlationId },
    );
    // A replay answers the stored order: the same view makes it the same bytes as the first answer.
    return created(orderView(order), { location: `/orders/${order.orderId}` });
  },
);
