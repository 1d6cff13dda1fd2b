import { httpHandler, ok } from '@platform/http';
import { getOrder } from '../api/routes';
import { orders } from '../dependencies';
import { OrderNotFoundError } from '../domain/errors';

export const handler = httpHandler(getOrder, async ({ path, principal }) => {
  const order = await orders.get({ tenantId: principal.tenantId, customerId: principal.sub }, path.orderId);
  if (!order) throw new OrderNotFoundError(path.orderId);
  return ok(order);
});
