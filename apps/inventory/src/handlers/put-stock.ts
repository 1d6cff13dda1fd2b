import { httpHandler, ok } from '@platform/http';
import { putStock } from '../api/routes';
import { stock } from '../dependencies';

export const handler = httpHandler(putStock, async ({ path, body, principal }) =>
  ok(await stock.setAvailable(principal.tenantId, path.sku, body.available)),
);
