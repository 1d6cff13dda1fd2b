import {
  ContendedProductError,
  ProductChangedError,
  ProductExistsError,
  ProductNotFoundError,
  StaleVersionError,
} from './errors';
import type { Product, ProductInput, ProductStore, RetryPause, VersionPrecondition } from './product';

/** Options of {@link saveProduct}. */
export interface SaveProductCommand {
  tenantId: string;
  sku: string;
  input: ProductInput;
  /** `undefined`: no precondition. */
  precondition: VersionPrecondition | undefined;
  now: Date;
}

/** Each lost race means another writer won, so N concurrent writers finish within N attempts. */
const MAX_ATTEMPTS = 10;

/**
 * Creates or replaces a product (PUT semantics). Without a precondition: creates version 1 when the
 * sku is new, else replaces the current version with version + 1, retrying when another writer
 * wins in between. With one (`If-Match`): replaces only the matching version, else
 * {@link StaleVersionError} — also when the product does not exist.
 *
 * @returns the saved product and whether it was created
 */
export async function saveProduct(
  { store, pause }: { store: ProductStore; pause: RetryPause },
  command: SaveProductCommand,
): Promise<{ product: Product; created: boolean }> {
  const updatedAt = command.now.toISOString();
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const current = await store.get(command.tenantId, command.sku);
    if (command.precondition && !command.precondition(current?.version)) {
      throw new StaleVersionError(command.sku, current?.version);
    }
    if (!current) {
      const product: Product = { sku: command.sku, ...command.input, version: 1, updatedAt };
      try {
        await store.create(command.tenantId, product);
        return { product, created: true };
      } catch (error) {
        if (!(error instanceof ProductExistsError)) throw error;
        await pause(attempt); // created concurrently: replace it instead
        continue;
      }
    }
    const product: Product = { sku: command.sku, ...command.input, version: current.version + 1, updatedAt };
    try {
      await store.replace(command.tenantId, product, current.version);
      return { product, created: false };
    } catch (error) {
      if (!(error instanceof ProductChangedError || error instanceof ProductNotFoundError)) throw error;
      if (command.precondition) throw new StaleVersionError(command.sku, undefined);
      await pause(attempt);
    }
  }
  throw new ContendedProductError(command.sku);
}
