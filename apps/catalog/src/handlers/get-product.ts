import { httpHandler, ok } from '@platform/http';
import { getProduct } from '../api/routes';
import { products } from '../dependencies';
import { ProductNotFoundError } from '../domain/errors';

export const handler = httpHandler(getProduct, async ({ path, principal }) => {
  const product = await products.get(principal.tenantId, path.sku);
  if (!product) throw new ProductNotFoundError(path.sku);
  return ok(product, { etag: product.version });
});
