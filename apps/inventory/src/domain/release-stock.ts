import { ReservationContendedError } from './errors';
import type { ReleaseAnswer } from '@platform/contracts';
import type { RetryPause, StockStore } from './stock';
import { MAX_RESERVE_ATTEMPTS } from './reserve-stock';

/**
 * Returns an order's reserved stock exactly once: the first call moves `reserved` back to
 * `available` and marks the reservation released in the same transaction; later calls change
 * nothing and answer `ALREADY_RELEASED`. An order that reserved nothing answers `NOT_RESERVED`.
 */
export async function releaseStock(
  { store, pause }: { store: StockStore; pause: RetryPause },
  command: { tenantId: string; orderId: string; now: Date },
): Promise<ReleaseAnswer> {
  for (let attempt = 1; attempt <= MAX_RESERVE_ATTEMPTS; attempt += 1) {
    const reservation = await store.findReservation(command.tenantId, command.orderId);
    if (!reservation || reservation.status === 'REJECTED') return { status: 'NOT_RESERVED' };
    if (reservation.status === 'RELEASED') return { status: 'ALREADY_RELEASED' };
    const result = await store.tryRelease(command.tenantId, reservation, command.now);
    if (result.outcome === 'released') return { status: 'RELEASED' };
    if (result.outcome === 'contended') await pause(attempt);
    // not-reserved: released concurrently; the next read answers ALREADY_RELEASED
  }
  throw new ReservationContendedError(command.orderId, MAX_RESERVE_ATTEMPTS);
}
