import { httpHandler, noContent, versionCheck } from '@platform/http';
import { deleteProduct } from '../api/routes';
import { products } from '../dependencies';
import { removeProduct } from '../domain/remove-product';

export const handler = httpHandler(deleteProduct, async ({ path, principal, ifMatch }) => {
  await removeProduct(products, {
    tenantId: principal.tenantId,
    sku: path.sku,
    precondition: versionCheck(ifMatch),
  });
  return noContent();
});
