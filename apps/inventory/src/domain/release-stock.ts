import { ReservationContendedError } from './errors';
import type { ReleaseAnswer } from '@platform/contracts';
import type { RetryPause, StockStore } from './stock';
import { MAX_RESERVE_ATTEMPTS } from './reserve-stock';

/**
 * Gives an order's held stock back exactly once and closes the order for `attempt` and every
 * earlier attempt, so a `reserve` of those arriving later answers `CLOSED`:
 * - a HELD hold of this attempt or an earlier one: its stock back in the same transaction that
 *   leaves it RELEASED → `RELEASED`;
 * - no hold yet: a tombstone → `NOT_RESERVED`;
 * - already RELEASED → `ALREADY_RELEASED`; REJECTED, or held by a later attempt → `NOT_RESERVED`;
 * - CONFIRMED (the order was written) → `CONFIRMED`: sold stock is never given back here; a
 *   cancelled order's hold is reopened first, then released.
 */
export async function releaseStock(
  { store, pause }: { store: StockStore; pause: RetryPause },
  command: { tenantId: string; orderId: string; attempt: number; now: Date },
): Promise<ReleaseAnswer> {
  for (let attempt = 1; attempt <= MAX_RESERVE_ATTEMPTS; attempt += 1) {
    const reservation = await store.findReservation(command.tenantId, command.orderId);
    if (!reservation) {
      if (await store.closeAbsent(command.tenantId, command.orderId, command.attempt, command.now)) {
        return { status: 'NOT_RESERVED' };
      }
      continue; // a hold appeared meanwhile: read it
    }
    switch (reservation.status) {
      case 'REJECTED':
        return { status: 'NOT_RESERVED' };
      case 'CONFIRMED':
        return { status: 'CONFIRMED' };
      case 'RELEASED':
        if (
          reservation.attempt < command.attempt &&
          !(await store.raiseTombstone(reservation, command.attempt))
        )
          continue;
        return { status: 'ALREADY_RELEASED' };
      case 'HELD': {
        if (reservation.attempt > command.attempt) return { status: 'NOT_RESERVED' };
        const result = await store.tryRelease(reservation, command.attempt, command.now);
        if (result.outcome === 'released') return { status: 'RELEASED' };
        if (result.outcome === 'contended') await pause(attempt);
        break; // changed: read it again
      }
    }
  }
  throw new ReservationContendedError(command.orderId, MAX_RESERVE_ATTEMPTS);
}
