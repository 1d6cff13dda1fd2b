import type { Logger } from '@platform/observability';
import {
  DependencyFailedError,
  HoldLostError,
  InsufficientStockError,
  MixedCurrencyError,
  UnknownSkuError,
} from './errors';
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
  now: () => Date;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** The longest one call to inventory may take. */
  inventoryTimeoutMs: number;
}

/** A customer's request to order some lines, as one try of its Idempotency-Key's order. */
export interface PlaceOrderCommand extends Customer, CallContext {
  lines: RequestedLine[];
  /** The order id bound to the request's Idempotency-Key (every try of it places this order). */
  orderId: string;
  /** Epoch ms by which this try must have answered (the function's timeout less a margin). */
  deadline: number;
}

/** Time kept, after pricing, for the reservation and the order write. */
const AFTER_PRICING_MS = 3_000;
/** Time kept, after the reservation, for the order write (and a compensating release). */
const AFTER_RESERVING_MS = 1_500;
/** How long a hold outlives this try's deadline: the sweeper never frees stock a live try may still confirm. */
const HOLD_GRACE_MS = 10_000;
/** Below this, a call is not started: the try answers 503 instead. */
const SHORTEST_CALL_MS = 100;

/**
 * Places an order: prices every line from the catalog (with the caller's token), holds all lines
 * at inventory (all or none) until shortly after this try's deadline, then writes the order and
 * confirms the hold in one transaction. Every call gets only the time left before the deadline,
 * less what the later steps need, so the function answers before its timeout.
 *
 * Nothing is left half-done: an order exists exactly when its hold is confirmed. If the hold cannot
 * be confirmed, this try releases it (closing the order for this try, so a reserve still in flight
 * fails), and should that release not happen (the process dies, inventory does not answer) the
 * hold expires and the sweeper releases it.
 *
 * @throws UnknownSkuError / MixedCurrencyError (422), InsufficientStockError (409),
 *   DependencyFailedError (503), CatalogForbiddenError (403)
 */
export async function placeOrder(deps: PlaceOrderDependencies, command: PlaceOrderCommand): Promise<Order> {
  const context: CallContext = { token: command.token, correlationId: command.correlationId };
  const timeLeft = (keep: number, dependency: 'catalog' | 'inventory'): AbortSignal => {
    const ms = command.deadline - deps.now().getTime() - keep;
    if (ms < SHORTEST_CALL_MS) throw new DependencyFailedError(dependency, 'no time left to call it');
    return AbortSignal.timeout(ms);
  };

  const prices = await deps.catalog.prices(
    command.lines.map((line) => line.sku),
    context,
    timeLeft(AFTER_PRICING_MS, 'catalog'),
  );
  const lines = command.lines.map((line) => {
    const price = prices.get(line.sku);
    if (!price) throw new UnknownSkuError(line.sku);
    return { sku: line.sku, qty: line.qty, unitPriceCents: price.priceCents, currency: price.currency };
  });
  const currencies = [...new Set(lines.map((line) => line.currency))];
  const [currency] = currencies;
  if (currencies.length !== 1 || !currency) throw new MixedCurrencyError(currencies);

  const { orderId } = command;
  const attempt = deps.now().getTime();
  const release = async (why: string): Promise<void> => {
    try {
      const signal = AbortSignal.timeout(
        Math.max(
          SHORTEST_CALL_MS,
          Math.min(deps.inventoryTimeoutMs, command.deadline - deps.now().getTime()),
        ),
      );
      const answer = await deps.inventory.release({ ...context, orderId, attempt }, signal);
      if (answer.status === 'CONFIRMED') {
        deps.logger.warn({ orderId, why }, 'the order was written after all: its hold stays confirmed');
      }
    } catch (error) {
      deps.logger.error(
        { err: error, orderId, why },
        'releasing the hold failed: the sweeper releases it when it expires',
      );
    }
  };

  const reserveSignal = AbortSignal.any([
    timeLeft(AFTER_RESERVING_MS, 'inventory'),
    AbortSignal.timeout(deps.inventoryTimeoutMs),
  ]);
  let answer;
  try {
    answer = await deps.inventory.reserve(
      { ...context, orderId, lines: command.lines, attempt, holdUntil: command.deadline + HOLD_GRACE_MS },
      reserveSignal,
    );
  } catch (error) {
    // The hold may have been made before the call failed: release it and close this try.
    await release('reserve call failed');
    throw error;
  }
  if (answer.status === 'REJECTED') {
    if (answer.reason === 'UNKNOWN_SKU') throw new UnknownSkuError(answer.sku);
    throw new InsufficientStockError(answer.sku);
  }
  if (answer.status === 'CLOSED') throw new HoldLostError(orderId);

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
    return await deps.orders.createConfirmingHold(
      { tenantId: command.tenantId, customerId: command.customerId },
      order,
      timeLeft(0, 'inventory'),
    );
  } catch (error) {
    deps.logger.warn({ err: error, orderId }, 'order write failed after the hold: releasing it');
    // Release answers CONFIRMED, and changes nothing, if the write did commit before it failed.
    await release('order write failed');
    throw error;
  }
}
