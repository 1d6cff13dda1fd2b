import type { HoldStatus, ReservationAnswer, StockLine } from '@platform/contracts';

/** Stock of one sku in one tenant. */
export interface Stock {
  sku: string;
  /** What can still be reserved. */
  available: number;
  /** Taken by orders: held (until confirmed or expired) plus sold. */
  reserved: number;
  version: number;
}

/** An order's hold, kept in the same table as the stock (the key is `holdKey` of @platform/contracts). */
export interface Reservation {
  tenantId: string;
  orderId: string;
  status: HoldStatus;
  lines: StockLine[];
  /** For REJECTED: the answer every repeat gets. */
  answer: ReservationAnswer;
  /** The newest attempt (epoch ms) that held it or closed it. */
  attempt: number;
  /** For HELD: when the hold expires (epoch ms). */
  holdUntil?: number | undefined;
}

/** What one hold transaction attempt ended with. */
export type HoldAttempt =
  | { outcome: 'held' }
  | { outcome: 'rejected'; answer: Extract<ReservationAnswer, { status: 'REJECTED' }> }
  /** The hold changed since it was read (a retry, a release, a concurrent duplicate): read it again. */
  | { outcome: 'changed' }
  /** Another transaction touched the same items at the same time; try again. */
  | { outcome: 'contended' };

/** What one release transaction attempt ended with. */
export type ReleaseAttempt = { outcome: 'released' } | { outcome: 'changed' } | { outcome: 'contended' };

/** A request to hold an order's lines. */
export interface HoldRequest {
  tenantId: string;
  orderId: string;
  lines: StockLine[];
  attempt: number;
  holdUntil: number;
}

/** The inventory's storage port; `src/store` implements it on DynamoDB transactions. */
export interface StockStore {
  get(tenantId: string, sku: string): Promise<Stock | undefined>;
  /** Sets what can be reserved; creates the stock (reserved 0) when new. */
  setAvailable(tenantId: string, sku: string, available: number): Promise<Stock>;
  findReservation(tenantId: string, orderId: string): Promise<Reservation | undefined>;
  /**
   * All lines or none, in one transaction with the hold: a new hold when `over` is undefined, else a
   * hold again over that tombstone (only if it is still RELEASED for an earlier attempt).
   */
  tryHold(request: HoldRequest, over?: Reservation): Promise<HoldAttempt>;
  /** A later attempt takes over a HELD hold: its attempt and expiry. False when the hold changed. */
  renewHold(reservation: Reservation, attempt: number, holdUntil: number): Promise<boolean>;
  /** Records a rejection so a retry gets the same answer; false when a hold already exists. */
  recordRejection(
    request: HoldRequest,
    answer: Extract<ReservationAnswer, { status: 'REJECTED' }>,
    now: Date,
  ): Promise<boolean>;
  /**
   * Gives a HELD hold's stock back and leaves it RELEASED for `attempt`, in one transaction, only
   * if it is unchanged since read (and, with `expiredBefore`, only if it expired before then).
   */
  tryRelease(
    reservation: Reservation,
    attempt: number,
    now: Date,
    expiredBefore?: number,
  ): Promise<ReleaseAttempt>;
  /** Closes an order with no hold for `attempt` and earlier (a tombstone); false when one appeared. */
  closeAbsent(tenantId: string, orderId: string, attempt: number, now: Date): Promise<boolean>;
  /** Moves a tombstone up to `attempt`; false when it changed. */
  raiseTombstone(reservation: Reservation, attempt: number): Promise<boolean>;
  /** HELD holds whose expiry is before `before` (epoch ms), oldest first, at most `limit`. */
  expiredHolds(before: number, limit: number): Promise<Reservation[]>;
  ping(): Promise<void>;
}

/** Waits before attempt `attempt + 1` of a transaction that lost a race. */
export type RetryPause = (attempt: number) => Promise<void>;
