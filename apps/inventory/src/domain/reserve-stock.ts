import { ReservationContendedError } from './errors';
import type { ReservationAnswer } from '@platform/contracts';
import type { HoldRequest, RetryPause, StockStore } from './stock';

/** Attempts before a contended reservation gives up (each after a jittered backoff). */
export const MAX_RESERVE_ATTEMPTS = 12;

/** The longest a hold may last, whatever the caller asks: an unconfirmed hold is swept after it. */
const MAX_HOLD_MS = 120_000;

/**
 * Holds every line or none (one transaction whose conditions keep `available >= 0`) until
 * `holdUntil` (capped at {@link MAX_HOLD_MS} from now), and answers:
 * - `RESERVED` when held, and again for a repeat or a later attempt of the same order, which takes
 *   the hold over (its attempt and expiry) instead of holding twice;
 * - `REJECTED` with the first sku that could not be held; a repeat gets the same answer;
 * - `CLOSED` when `release` came first for this attempt (a late reserve), or the attempt's
 *   `holdUntil` has passed: nothing is held.
 */
export async function reserveStock(
  { store, pause }: { store: StockStore; pause: RetryPause },
  command: HoldRequest & { now: Date },
): Promise<ReservationAnswer> {
  const now = command.now.getTime();
  if (command.holdUntil <= now) return { status: 'CLOSED' };
  const request: HoldRequest = { ...command, holdUntil: Math.min(command.holdUntil, now + MAX_HOLD_MS) };
  for (let attempt = 1; attempt <= MAX_RESERVE_ATTEMPTS; attempt += 1) {
    const existing = await store.findReservation(request.tenantId, request.orderId);
    if (existing?.status === 'REJECTED') return existing.answer;
    if (existing?.status === 'CONFIRMED') return { status: 'RESERVED' };
    if (existing?.status === 'HELD') {
      if (existing.attempt >= request.attempt) return { status: 'RESERVED' };
      if (await store.renewHold(existing, request.attempt, request.holdUntil)) return { status: 'RESERVED' };
      continue; // released or confirmed meanwhile: read it again
    }
    if (existing?.status === 'RELEASED' && existing.attempt >= request.attempt) return { status: 'CLOSED' };
    const result = await store.tryHold(request, existing);
    if (result.outcome === 'held') return { status: 'RESERVED' };
    if (result.outcome === 'rejected') {
      // A first rejection is recorded so repeats answer the same; over a tombstone it is not (the
      // order is closed for earlier attempts, and a later one may find stock).
      if (existing || (await store.recordRejection(request, result.answer, command.now)))
        return result.answer;
      continue; // a hold appeared meanwhile: read it
    }
    if (result.outcome === 'contended') await pause(attempt);
  }
  throw new ReservationContendedError(request.orderId, MAX_RESERVE_ATTEMPTS);
}
