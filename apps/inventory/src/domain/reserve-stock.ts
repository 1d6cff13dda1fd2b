import { ReservationContendedError } from './errors';
import type { ReservationAnswer, StockLine } from '@platform/contracts';
import type { RetryPause, StockStore } from './stock';

/** A reservation request from the orders service. */
export interface ReserveCommand {
  tenantId: string;
  orderId: string;
  lines: StockLine[];
  now: Date;
}

/** Attempts before a contended reservation gives up (each after a jittered backoff). */
export const MAX_RESERVE_ATTEMPTS = 12;

/**
 * Reserves every line or none (one transaction whose conditions keep `available >= 0`) and answers
 * `RESERVED` or `REJECTED` with the first sku that could not be reserved. The first answer for an
 * order is recorded with it, so repeating the same `orderId` returns that answer and never moves
 * stock twice.
 */
export async function reserveStock(
  { store, pause }: { store: StockStore; pause: RetryPause },
  command: ReserveCommand,
): Promise<ReservationAnswer> {
  const existing = await store.findReservation(command.tenantId, command.orderId);
  if (existing) return existing.answer;
  for (let attempt = 1; attempt <= MAX_RESERVE_ATTEMPTS; attempt += 1) {
    const result = await store.tryReserve(command.tenantId, command.orderId, command.lines, command.now);
    switch (result.outcome) {
      case 'reserved':
        return { status: 'RESERVED' };
      case 'rejected':
        return store.recordRejection(
          command.tenantId,
          command.orderId,
          command.lines,
          result.answer,
          command.now,
        );
      case 'duplicate': {
        const recorded = await store.findReservation(command.tenantId, command.orderId);
        if (recorded) return recorded.answer;
        break; // the duplicate vanished (cannot happen: records are never deleted); try again
      }
      case 'contended':
        await pause(attempt);
        break;
    }
  }
  throw new ReservationContendedError(command.orderId, MAX_RESERVE_ATTEMPTS);
}
