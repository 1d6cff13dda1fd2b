import type { ReservationAnswer, StockLine } from '@platform/contracts';

/** Stock of one sku in one tenant (API.md "inventory"). */
export interface Stock {
  sku: string;
  /** What can still be reserved. */
  available: number;
  /** Held by orders' reservations. */
  reserved: number;
  version: number;
}

/** An order's reservation record, kept in the same table as the stock. */
export interface Reservation {
  orderId: string;
  status: 'RESERVED' | 'REJECTED' | 'RELEASED';
  lines: StockLine[];
  answer: ReservationAnswer;
}

/** What one reservation transaction attempt ended with. */
export type ReserveAttempt =
  | { outcome: 'reserved' }
  | { outcome: 'rejected'; answer: Extract<ReservationAnswer, { status: 'REJECTED' }> }
  /** A reservation record for this order already exists (a retry, or a concurrent duplicate). */
  | { outcome: 'duplicate' }
  /** Another transaction touched the same items at the same time; try again. */
  | { outcome: 'contended' };

/** What one release transaction attempt ended with. */
export type ReleaseAttempt = { outcome: 'released' } | { outcome: 'not-reserved' } | { outcome: 'contended' };

/** The inventory's storage port; `src/store` implements it on DynamoDB transactions. */
export interface StockStore {
  get(tenantId: string, sku: string): Promise<Stock | undefined>;
  /** Sets what can be reserved; creates the stock (reserved 0) when new. */
  setAvailable(tenantId: string, sku: string, available: number): Promise<Stock>;
  findReservation(tenantId: string, orderId: string): Promise<Reservation | undefined>;
  /** All lines or none, in one transaction, with the reservation record written in it. */
  tryReserve(tenantId: string, orderId: string, lines: StockLine[], now: Date): Promise<ReserveAttempt>;
  /** Records a rejection so a retry gets the same answer; resolves to the answer that was recorded first. */
  recordRejection(
    tenantId: string,
    orderId: string,
    lines: StockLine[],
    answer: Extract<ReservationAnswer, { status: 'REJECTED' }>,
    now: Date,
  ): Promise<ReservationAnswer>;
  /** Returns the reservation's stock and marks it released, in one transaction, only if it is still reserved. */
  tryRelease(tenantId: string, reservation: Reservation, now: Date): Promise<ReleaseAttempt>;
  ping(): Promise<void>;
}

/** Waits before attempt `attempt + 1` of a transaction that lost a race. */
export type RetryPause = (attempt: number) => Promise<void>;
