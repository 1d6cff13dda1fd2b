import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { bearerToken } from '@platform/auth';
import { created, httpHandler } from '@platform/http';
import { getMetrics } from '@platform/observability';
import { createIdempotencyPersistence } from '@platform/persistence';
import { placeOrder } from '../api/routes';
import { config } from '../config';
import { catalog, inventory, logger, newOrderId, orders } from '../dependencies';
import { placeOrder as place } from '../domain/place-order';
import { type Order, orderView, type RequestedLine } from '../domain/order';

/** What identifies a request (hashed into the idempotency record) and what must match on a replay. */
interface IdempotentInput {
  /** `<tenant>:<Idempotency-Key>`: keys never collide across tenants. */
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

export const handler = httpHandler(
  placeOrder,
  async ({ body, parsedHeaders, principal, headers, correlationId, context }) => {
    idempotency.registerLambdaContext(context);
    const order = await placeOnce(
      {
        key: `${principal.tenantId}:${parsedHeaders['idempotency-key']}`,
        request: { customerId: principal.sub, lines: body.lines },
      },
      { tenantId: principal.tenantId, token: bearerToken(headers['authorization']), correlationId },
    );
    // A replay answers the stored order: the same view makes it the same bytes as the first answer.
    return created(orderView(order), { location: `/orders/${order.orderId}` });
  },
);
