import { httpHandler, ok } from '@platform/http';
import { cancelOrder } from '../api/routes';
import { orders } from '../dependencies';
import { inventory } from '../downstream';
import { cancelOrder as cancel } from '../domain/cancel-order';

export const handler = httpHandler(cancelOrder, async ({ path, principal, correlationId }) =>
  ok(
    await cancel(
      { inventory, orders, now: () => new Date() },
      { tenantId: principal.tenantId, customerId: principal.sub, orderId: path.orderId, correlationId },
    ),
  ),
);
