import { invokeHandler } from '@platform/http';
import { getMetrics } from '@platform/observability';
import { ReserveRequest } from '../api/schemas';
import { stock } from '../dependencies';
import { reserveStock } from '../domain/reserve-stock';

/** Internal (Lambda invoke only, no route): reserve all lines of an order or none. */
export const handler = invokeHandler({ payload: ReserveRequest }, async (request, { logger }) => {
  const answer = await reserveStock(stock, { ...request, now: new Date() });
  if (answer.status === 'REJECTED') {
    getMetrics().addBusinessMetric('ReservationsRejected');
    logger.info({ orderId: request.orderId, reason: answer.reason, sku: answer.sku }, 'reservation rejected');
  } else {
    getMetrics().addBusinessMetric('ReservationsMade');
    logger.info({ orderId: request.orderId, lines: request.lines.length }, 'stock reserved');
  }
  getMetrics().publish();
  return answer;
});
