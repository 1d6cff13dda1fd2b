import type { Logger } from '@platform/observability';
import type { StockStore } from './stock';

/** Holds swept per invocation at most (the next run takes the rest). */
const SWEEP_BATCH = 100;

/**
 * Releases every hold that expired unconfirmed before `now`: its stock back, the hold RELEASED,
 * each in its own transaction conditioned on the hold being unchanged and still expired, so a hold
 * confirmed (its order written) or released meanwhile is left alone, and running it twice, or two
 * sweepers at once, releases nothing twice.
 */
export async function sweepHolds(
  { store, logger }: { store: StockStore; logger: Pick<Logger, 'info' | 'warn'> },
  now: Date,
): Promise<{ expired: number; released: number }> {
  const before = now.getTime();
  const expired = await store.expiredHolds(before, SWEEP_BATCH);
  let released = 0;
  for (const hold of expired) {
    const result = await store.tryRelease(hold, hold.attempt, now, before);
    if (result.outcome === 'released') {
      released += 1;
      logger.info(
        { orderId: hold.orderId, holdUntil: hold.holdUntil, lines: hold.lines.length },
        'expired hold released',
      );
    } else {
      logger.warn({ orderId: hold.orderId, outcome: result.outcome }, 'expired hold left for the next run');
    }
  }
  return { expired: expired.length, released };
}
