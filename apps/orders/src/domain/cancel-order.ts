import { AlreadyCancelledError, OrderChangedError, OrderNotFoundError } from './errors';
import type { Customer, Order, OrderStore, StockReservations } from './order';

/** What cancelling an order needs. */
export interface CancelOrderDependencies {
  inventory: StockReservations;
  orders: OrderStore;
  now: () => Date;
}

/**
 * Cancels a confirmed order: releases its stock (exactly once — inventory's release is idempotent),
 * then sets status CANCELLED guarded by the order's version, so two concurrent cancels end with one
 * CANCELLED order and one {@link AlreadyCancelledError}. A release that fails leaves the order
 * CONFIRMED, so the cancel can simply be retried.
 */
export async function cancelOrder(
  deps: CancelOrderDependencies,
  command: Customer & { orderId: string; correlationId: string },
): Promise<Order> {
  const customer: Customer = { tenantId: command.tenantId, customerId: command.customerId };
  const order = await deps.orders.get(customer, command.orderId);
  if (!order) throw new OrderNotFoundError(command.orderId);
  if (order.status === 'CANCELLED') throw new AlreadyCancelledError(command.orderId);
  await deps.inventory.release({
    tenantId: command.tenantId,
    orderId: command.orderId,
    correlationId: command.correlationId,
  });
  try {
    return await deps.orders.markCancelled(customer, command.orderId, order.version, deps.now());
  } catch (error) {
    if (error instanceof OrderChangedError) throw new AlreadyCancelledError(command.orderId);
    throw error;
  }
}
