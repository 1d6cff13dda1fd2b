import { httpHandler, ok } from '@platform/http';
import { listOrders } from '../api/routes';
import { orders } from '../dependencies';

export const handler = httpHandler(listOrders, async ({ query, principal }) =>
  ok(
    await orders.list(
      { tenantId: principal.tenantId, customerId: principal.sub },
      { limit: query.limit, cursor: query.cursor },
    ),
  ),
);
