/** Base class of the inventory's domain errors. */
class InventoryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InventoryError';
  }
}

/** The stock does not exist for this tenant. */
export class StockNotFoundError extends InventoryError {
  constructor(readonly sku: string) {
    super(`No stock for ${sku}`);
    this.name = 'StockNotFoundError';
  }
}

/** Concurrent transactions kept conflicting after every retry; the caller may retry later. */
export class ReservationContendedError extends InventoryError {
  constructor(
    readonly orderId: string,
    attempts: number,
  ) {
    super(`Reservation for order ${orderId} conflicted with concurrent transactions ${attempts} times`);
    this.name = 'ReservationContendedError';
  }
}
