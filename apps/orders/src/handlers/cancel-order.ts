import { bearerToken } from '@platform/auth';
import { httpHandler, ok } from '@platform/http';
import { cancelOrder } from '../api/routes';
import { config } from '../config';
import { logger, orders } from '../dependencies';
import { inventory } from '../downstream';
import { cancelOrder as cancel } from '../domain/cancel-order';

export const handler = httpHandler(cancelOrder, async ({ path, principal, headers, correlationId }) =>
  ok(
    await cancel(
      { inventory, orders, now: () => new Date(), logger, inventoryTimeoutMs: config.INVENTORY_TIMEOUT_MS },
      {
        tenantId: principal.tenantId,
        customerId: principal.sub,
        orderId: path.orderId,
        token: bearerToken(headers['authorization']),
        correlationId,
      },
    ),
  ),
);
