import type { Logger } from '@platform/observability';
import { InsufficientStockError, MixedCurrencyError, UnknownSkuError } from './errors';
import type {
  CallContext,
  Customer,
  Order,
  OrderStore,
  PriceCatalog,
  RequestedLine,
  StockReservations,
} from './order';

/** What placing an order needs. */
export interface PlaceOrderDependencies {
  catalog: PriceCatalog;
  inventory: StockReservations;
  orders: OrderStore;
  newOrderId: () => string;
  now: () => Date;
  logger: Pick<Logger, 'warn' | 'error'>;
}

/** A customer's request to order some lines. */
export interface PlaceOrderCommand extends Customer, CallContext {
  lines: RequestedLine[];
}

/**
 * Places an order: prices every line from the catalog (with the caller's token), reserves all lines
 * at inventory (all or none), then writes the order. Nothing is left half-done: if anything fails
 * after the reservation — the order write included — the reservation is released before the error
 * is passed on, so there is never an order without stock nor stock held without an order.
 *
 * @throws UnknownSkuError / MixedCurrencyError (422), InsufficientStockError (409),
 *   DependencyFailedError (503), CatalogForbiddenError (403)
 */
export async function placeOrder(deps: PlaceOrderDependencies, command: PlaceOrderCommand): Promise<Order> {
  const context: CallContext = { token: command.token, correlationId: command.correlationId };
  const prices = await deps.catalog.prices(
    command.lines.map((line) => line.sku),
    context,
  );
  const lines = command.lines.map((line) => {
    const price = prices.get(line.sku);
    if (!price) throw new UnknownSkuError(line.sku);
    return { sku: line.sku, qty: line.qty, unitPriceCents: price.priceCents, currency: price.currency };
  });
  const currencies = [...new Set(lines.map((line) => line.currency))];
  const [currency] = currencies;
  if (currencies.length !== 1 || !currency) throw new MixedCurrencyError(currencies);

  const orderId = deps.newOrderId();
  const release = async (why: string): Promise<void> => {
    try {
      await deps.inventory.release({
        tenantId: command.tenantId,
        orderId,
        correlationId: command.correlationId,
      });
    } catch (error) {
      deps.logger.error(
        { err: error, orderId, why },
        'releasing the reservation failed: stock stays held until released',
      );
    }
  };

  let answer;
  try {
    answer = await deps.inventory.reserve({
      tenantId: command.tenantId,
      orderId,
      lines: command.lines,
      correlationId: command.correlationId,
    });
  } catch (error) {
    // The reservation may have happened before the call failed: give it back (release is idempotent).
    await release('reserve call failed');
    throw error;
  }
  if (answer.status === 'REJECTED') {
    if (answer.reason === 'UNKNOWN_SKU') throw new UnknownSkuError(answer.sku);
    throw new InsufficientStockError(answer.sku);
  }

  const order: Order = {
    orderId,
    status: 'CONFIRMED',
    lines,
    totalCents: lines.reduce((sum, line) => sum + line.unitPriceCents * line.qty, 0),
    currency,
    createdAt: deps.now().toISOString(),
    version: 1,
  };
  try {
    await deps.orders.create({ tenantId: command.tenantId, customerId: command.customerId }, order);
  } catch (error) {
    deps.logger.warn({ err: error, orderId }, 'order write failed after the reservation: releasing it');
    await release('order write failed');
    throw error;
  }
  return order;
}
