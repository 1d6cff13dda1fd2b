import type { Logger } from '@platform/observability';
import { AlreadyCancelledError, OrderChangedError, OrderNotFoundError } from './errors';
import type { CallContext, Customer, Order, OrderStore, StockReservations } from './order';

/** What cancelling an order needs. */
export interface CancelOrderDependencies {
  inventory: StockReservations;
  orders: OrderStore;
  now: () => Date;
  logger: Pick<Logger, 'warn'>;
  /** The longest the call to inventory may take. */
  inventoryTimeoutMs: number;
}

/**
 * Cancels a confirmed order: sets status CANCELLED guarded by the order's version and, in the same
 * transaction, reopens its hold at inventory as already expired; then releases it. Two concurrent
 * cancels end with one CANCELLED order and one {@link AlreadyCancelledError}. Should the release
 * call fail, the order stays cancelled and the sweeper gives the stock back within its next run.
 */
export async function cancelOrder(
  deps: CancelOrderDependencies,
  command: Customer & CallContext & { orderId: string },
): Promise<Order> {
  const customer: Customer = { tenantId: command.tenantId, customerId: command.customerId };
  const order = await deps.orders.get(customer, command.orderId);
  if (!order) throw new OrderNotFoundError(command.orderId);
  if (order.status === 'CANCELLED') throw new AlreadyCancelledError(command.orderId);
  const now = deps.now();
  let cancelled: Order;
  try {
    cancelled = await deps.orders.markCancelled(customer, command.orderId, order.version, now);
  } catch (error) {
    if (error instanceof OrderChangedError) throw new AlreadyCancelledError(command.orderId);
    throw error;
  }
  try {
    await deps.inventory.release(
      {
        token: command.token,
        correlationId: command.correlationId,
        orderId: command.orderId,
        attempt: now.getTime(),
      },
      AbortSignal.timeout(deps.inventoryTimeoutMs),
    );
  } catch (error) {
    deps.logger.warn(
      { err: error, orderId: command.orderId },
      'release after cancel failed: the sweeper gives the stock back',
    );
  }
  return cancelled;
}
