import { invokeHandler } from '@platform/http';
import { getMetrics } from '@platform/observability';
import * as z from 'zod/mini';
import { stock } from '../dependencies';
import { sweepHolds } from '../domain/sweep-holds';

/**
 * Internal (the schedule only, every minute): release the holds that expired unconfirmed. The
 * event carries nothing the sweep uses; the clock decides what expired.
 */
export const handler = invokeHandler({ payload: z.unknown() }, async (_event, { logger }) => {
  const result = await sweepHolds({ store: stock, logger }, new Date());
  if (result.released > 0) getMetrics().addBusinessMetric('HoldsSwept', result.released);
  return result;
});
