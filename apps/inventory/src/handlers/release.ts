import { RESERVATION_SCOPES } from '@platform/contracts';
import { invokeHandler } from '@platform/http';
import { backoff } from '@platform/persistence';
import { ReleaseRequest } from '../api/schemas';
import { stock } from '../dependencies';
import { releaseStock } from '../domain/release-stock';

/**
 * Internal (Lambda invoke only, no route): give an order's held stock back, exactly once, and
 * close the order for the attempt, for the tenant of the customer token orders forwards.
 */
export const handler = invokeHandler(
  { payload: ReleaseRequest, caller: { scopes: RESERVATION_SCOPES } },
  async (request, { logger, principal }) => {
    const answer = await releaseStock(
      { store: stock, pause: backoff },
      { tenantId: principal.tenantId, orderId: request.orderId, attempt: request.attempt, now: new Date() },
    );
    logger.info({ orderId: request.orderId, status: answer.status }, 'release handled');
    return answer;
  },
);
