import { created, httpHandler, ok, versionCheck } from '@platform/http';
import { backoff } from '@platform/persistence';
import { putProduct } from '../api/routes';
import { products } from '../dependencies';
import { saveProduct } from '../domain/save-product';

export const handler = httpHandler(putProduct, async ({ path, body, principal, ifMatch }) => {
  const saved = await saveProduct(
    { store: products, pause: backoff },
    {
      tenantId: principal.tenantId,
      sku: path.sku,
      input: body,
      precondition: versionCheck(ifMatch),
      now: new Date(),
    },
  );
  const options = { etag: saved.product.version };
  return saved.created
    ? created(saved.product, { ...options, location: `/catalog/products/${saved.product.sku}` })
    : ok(saved.product, options);
});
