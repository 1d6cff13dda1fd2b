import { httpHandler, ok } from '@platform/http';
import { getStock } from '../api/routes';
import { stock } from '../dependencies';
import { StockNotFoundError } from '../domain/errors';

export const handler = httpHandler(getStock, async ({ path, principal }) => {
  const found = await stock.get(principal.tenantId, path.sku);
  if (!found) throw new StockNotFoundError(path.sku);
  return ok(found);
});
