import { RESERVATION_SCOPES } from '@platform/contracts';
import { invokeHandler } from '@platform/http';
import { backoff } from '@platform/persistence';
import { getMetrics } from '@platform/observability';
import { ReserveRequest } from '../api/schemas';
import { stock } from '../dependencies';
import { reserveStock } from '../domain/reserve-stock';

/**
 * Internal (Lambda invoke only, no route): hold all lines of an order or none, for the tenant of
 * the customer token orders forwards (verified first; the payload names no tenant).
 */
export const handler = invokeHandler(
  { payload: ReserveRequest, caller: { scopes: RESERVATION_SCOPES } },
  async (request, { logger, principal }) => {
    const answer = await reserveStock(
      { store: stock, pause: backoff },
      {
        tenantId: principal.tenantId,
        orderId: request.orderId,
        lines: request.lines,
        attempt: request.attempt,
        holdUntil: request.holdUntil,
        now: new Date(),
      },
    );
    if (answer.status === 'REJECTED') {
      getMetrics().addBusinessMetric('ReservationsRejected');
      logger.info(
        { orderId: request.orderId, reason: answer.reason, sku: answer.sku },
        'reservation rejected',
      );
    } else if (answer.status === 'CLOSED') {
      getMetrics().addBusinessMetric('ReservationsClosed');
      logger.warn({ orderId: request.orderId, attempt: request.attempt }, 'late reservation refused: closed');
    } else {
      getMetrics().addBusinessMetric('ReservationsMade');
      logger.info({ orderId: request.orderId, lines: request.lines.length }, 'stock held');
    }
    return answer;
  },
);
