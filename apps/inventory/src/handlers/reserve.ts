import { invokeHandler } from '@platform/http';
import { backoff } from '@platform/persistence';
import { getMetrics } from '@platform/observability';
import { ReserveRequest } from '../api/schemas';
import { stock } from '../dependencies';
import { reserveStock } from '../domain/reserve-stock';

/** Internal (Lambda invoke only, no route): reserve all lines of an order or none (the stack publishes its metrics). */
export const handler = invokeHandler({ payload: ReserveRequest }, async (request, { logger }) => {
  const answer = await reserveStock({ store: stock, pause: backoff }, { ...request, now: new Date() });
  if (answer.status === 'REJECTED') {
    getMetrics().addBusinessMetric('ReservationsRejected');
    logger.info({ orderId: request.orderId, reason: answer.reason, sku: answer.sku }, 'reservation rejected');
  } else {
    getMetrics().addBusinessMetric('ReservationsMade');
    logger.info({ orderId: request.orderId, lines: request.lines.length }, 'stock reserved');
  }
  return answer;
});
