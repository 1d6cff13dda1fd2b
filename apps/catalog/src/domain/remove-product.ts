import { ProductChangedError, ProductNotFoundError, StaleVersionError } from './errors';
import type { ProductStore, VersionPrecondition } from './product';

/**
 * Deletes a product. With a precondition (`If-Match`), only the matching version is deleted, else
 * {@link StaleVersionError}; a missing product is {@link ProductNotFoundError}.
 */
export async function removeProduct(
  store: ProductStore,
  command: { tenantId: string; sku: string; precondition: VersionPrecondition | undefined },
): Promise<void> {
  let expectedVersion: number | undefined;
  if (command.precondition) {
    const current = await store.get(command.tenantId, command.sku);
    if (!current) throw new ProductNotFoundError(command.sku);
    if (!command.precondition(current.version)) throw new StaleVersionError(command.sku, current.version);
    expectedVersion = current.version;
  }
  try {
    await store.delete(command.tenantId, command.sku, expectedVersion);
  } catch (error) {
    // Another version stored meanwhile: the precondition no longer holds.
    if (error instanceof ProductChangedError) throw new StaleVersionError(command.sku, undefined);
    throw error;
  }
}
