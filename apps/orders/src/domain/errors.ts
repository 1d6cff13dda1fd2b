/** Base class of the orders service's domain errors. */
class OrdersError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OrdersError';
  }
}

/** A sku the catalog or inventory does not know for this tenant. */
export class UnknownSkuError extends OrdersError {
  constructor(readonly sku: string) {
    super(`Unknown sku ${sku}`);
    this.name = 'UnknownSkuError';
  }
}

/** The lines are priced in more than one currency. */
export class MixedCurrencyError extends OrdersError {
  constructor(readonly currencies: string[]) {
    super(`Lines are priced in ${currencies.join(', ')}: an order has one currency`);
    this.name = 'MixedCurrencyError';
  }
}

/** Inventory cannot reserve a line. */
export class InsufficientStockError extends OrdersError {
  constructor(readonly sku: string) {
    super(`Not enough stock of ${sku}`);
    this.name = 'InsufficientStockError';
  }
}

/** The order does not exist for this customer. */
export class OrderNotFoundError extends OrdersError {
  constructor(readonly orderId: string) {
    super(`No order ${orderId}`);
    this.name = 'OrderNotFoundError';
  }
}

/** The order is already cancelled. */
export class AlreadyCancelledError extends OrdersError {
  constructor(readonly orderId: string) {
    super(`Order ${orderId} is already cancelled`);
    this.name = 'AlreadyCancelledError';
  }
}

/** The caller's token may not read prices from the catalog. */
export class CatalogForbiddenError extends OrdersError {
  constructor(readonly status: number) {
    super(`The catalog refused the caller's token (${status}): it needs catalog:read`);
    this.name = 'CatalogForbiddenError';
  }
}

/** A downstream service (catalog or inventory) did not answer usefully; retrying later may work. */
export class DependencyFailedError extends OrdersError {
  constructor(
    readonly dependency: 'catalog' | 'inventory',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${dependency}: ${message}`, options);
    this.name = 'DependencyFailedError';
  }
}

/** The store's answer to a write that expected another stored version of the order (another request changed it). */
export class OrderChangedError extends OrdersError {
  constructor(readonly orderId: string) {
    super(`Order ${orderId} is not at the expected version`);
    this.name = 'OrderChangedError';
  }
}

/**
 * The order's hold at inventory was released or swept before the order could be written (the try
 * ran out of time): nothing was written; a retry holds again.
 */
export class HoldLostError extends DependencyFailedError {
  constructor(readonly orderId: string) {
    super('inventory', `the hold of order ${orderId} expired before the order was written`);
    this.name = 'HoldLostError';
  }
}

/** An Idempotency-Key already placed (or is placing) an order for another request body. */
export class IdempotencyKeyReusedError extends OrdersError {
  constructor() {
    super('This Idempotency-Key was used with a different request');
    this.name = 'IdempotencyKeyReusedError';
  }
}
