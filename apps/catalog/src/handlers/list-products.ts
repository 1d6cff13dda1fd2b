import { httpHandler, ok } from '@platform/http';
import { listProducts } from '../api/routes';
import { products } from '../dependencies';

export const handler = httpHandler(listProducts, async ({ query, principal }) =>
  ok(await products.list(principal.tenantId, { limit: query.limit, cursor: query.cursor })),
);
