import type { ReleaseAnswer, ReservationAnswer } from '@platform/contracts';

/** One line of an order, priced when the order was placed. */
interface OrderLine {
  sku: string;
  qty: number;
  unitPriceCents: number;
  currency: string;
}

/** An order (docs/api.md "orders"). */
export interface Order {
  orderId: string;
  status: 'CONFIRMED' | 'CANCELLED';
  lines: OrderLine[];
  totalCents: number;
  currency: string;
  /** ISO 8601. */
  createdAt: string;
  version: number;
}

/**
 * The order with its members, and its lines' members, in docs/api.md's order and nothing else: a stored
 * order (a DynamoDB map keeps no member order) and a replayed idempotent answer read the same, byte
 * for byte, as the first answer.
 *
 * @example
 * declare const storedOrder: Order; // as read from the table
 * orderView(storedOrder); // { orderId, status, lines: [{ sku, qty, unitPriceCents, currency }], totalCents, … }
 */
export function orderView(order: Order): Order {
  return {
    orderId: order.orderId,
    status: order.status,
    lines: order.lines.map((line) => ({
      sku: line.sku,
      qty: line.qty,
      unitPriceCents: line.unitPriceCents,
      currency: line.currency,
    })),
    totalCents: order.totalCents,
    currency: order.currency,
    createdAt: order.createdAt,
    version: order.version,
  };
}

/** A line as the customer asks for it. */
export interface RequestedLine {
  sku: string;
  qty: number;
}

/** Who places or reads an order: the tenant and the customer (`sub`). */
export interface Customer {
  tenantId: string;
  customerId: string;
}

/** A page of a customer's orders, newest first. */
export interface OrderPage {
  items: Order[];
  nextCursor: string | null;
}

/** The orders service's storage port; `src/store` implements it on DynamoDB. */
export interface OrderStore {
  /**
   * The order id of a customer's Idempotency-Key: the one first bound to it, or `candidate` when
   * the key is new, so every retry of a request places the same order and reuses its hold.
   * {@link IdempotencyKeyReusedError} when the key was bound to another request (`fingerprint`).
   */
  orderIdFor(customer: Customer, key: string, fingerprint: string, candidate: string): Promise<string>;
  /**
   * Writes the order and confirms its hold at inventory in one transaction, and answers the stored
   * order (the one already written, when a previous try wrote it), within `signal`.
   * {@link HoldLostError} when the hold was released or swept first: then nothing is written.
   */
  createConfirmingHold(customer: Customer, order: Order, signal: AbortSignal): Promise<Order>;
  get(customer: Customer, orderId: string): Promise<Order | undefined>;
  list(customer: Customer, page: { limit: number; cursor?: string | undefined }): Promise<OrderPage>;
  /**
   * Sets status CANCELLED when the stored version is `expectedVersion` ({@link OrderChangedError}
   * otherwise) and, in the same transaction, reopens the order's hold as attempt `now`, expired,
   * so `release` (or the sweeper) gives its stock back.
   */
  markCancelled(customer: Customer, orderId: string, expectedVersion: number, now: Date): Promise<Order>;
  ping(): Promise<void>;
}

/** A price from the catalog. */
export interface Price {
  priceCents: number;
  currency: string;
}

/** Who the downstream calls are made for: the caller's token is forwarded, the correlation id travels along. */
export interface CallContext {
  token: string;
  correlationId: string;
}

/** The catalog, as orders sees it: prices by sku. */
export interface PriceCatalog {
  /** Prices of every sku, all within `signal`; `UnknownSkuError` for the first sku it does not sell. */
  prices(skus: string[], context: CallContext, signal: AbortSignal): Promise<Map<string, Price>>;
}

/** Inventory's internal functions, as orders sees them (the contract of @platform/contracts). */
export interface StockReservations {
  reserve(
    request: CallContext & { orderId: string; lines: RequestedLine[]; attempt: number; holdUntil: number },
    signal: AbortSignal,
  ): Promise<ReservationAnswer>;
  release(
    request: CallContext & { orderId: string; attempt: number },
    signal: AbortSignal,
  ): Promise<ReleaseAnswer>;
}
