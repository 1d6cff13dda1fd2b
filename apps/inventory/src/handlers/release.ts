import { invokeHandler } from '@platform/http';
import { backoff } from '@platform/persistence';
import { ReleaseRequest } from '../api/schemas';
import { stock } from '../dependencies';
import { releaseStock } from '../domain/release-stock';

/** Internal (Lambda invoke only, no route): give an order's reserved stock back, exactly once. */
export const handler = invokeHandler({ payload: ReleaseRequest }, async (request, { logger }) => {
  const answer = await releaseStock({ store: stock, pause: backoff }, { ...request, now: new Date() });
  logger.info({ orderId: request.orderId, status: answer.status }, 'release handled');
  return answer;
});
