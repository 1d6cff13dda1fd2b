import { AlreadyExistsError, backoff, NotFoundError, VersionConflictError } from '@platform/persistence';
import { ContendedProductError, StaleVersionError } from './errors';
import type { Product, ProductInput, ProductStore } from './product';

/** The version precondition of a save: none, any existing version (`*`), or one of these versions. */
export type VersionPrecondition = undefined | { any: true } | { any: false; versions: number[] };

/** Options of {@link saveProduct}. */
export interface SaveProductCommand {
  tenantId: string;
  sku: string;
  input: ProductInput;
  precondition: VersionPrecondition;
  now: Date;
}

/** Each lost race means another writer won, so N concurrent writers finish within N attempts. */
const MAX_ATTEMPTS = 10;

function holds(precondition: VersionPrecondition, current: Product | undefined): boolean {
  if (!precondition) return true;
  if (!current) return false;
  return precondition.any || precondition.versions.includes(current.version);
}

/**
 * Creates or replaces a product (PUT semantics). Without a precondition: creates version 1 when the
 * sku is new, else replaces the current version with version + 1, retrying when another writer
 * wins in between. With one (`If-Match`): replaces only the matching version, else
 * {@link StaleVersionError} — also when the product does not exist.
 *
 * @returns the saved product and whether it was created
 */
export async function saveProduct(
  store: ProductStore,
  command: SaveProductCommand,
): Promise<{ product: Product; created: boolean }> {
  const updatedAt = command.now.toISOString();
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const current = await store.get(command.tenantId, command.sku);
    if (!holds(command.precondition, current)) {
      throw new StaleVersionError(command.sku, current?.version);
    }
    if (!current) {
      const product: Product = { sku: command.sku, ...command.input, version: 1, updatedAt };
      try {
        await store.create(command.tenantId, product);
        return { product, created: true };
      } catch (error) {
        if (!(error instanceof AlreadyExistsError)) throw error;
        await backoff(attempt); // created concurrently: replace it instead
        continue;
      }
    }
    const product: Product = { sku: command.sku, ...command.input, version: current.version + 1, updatedAt };
    try {
      await store.replace(command.tenantId, product, current.version);
      return { product, created: false };
    } catch (error) {
      if (!(error instanceof VersionConflictError || error instanceof NotFoundError)) throw error;
      if (command.precondition) throw new StaleVersionError(command.sku, undefined);
      await backoff(attempt);
    }
  }
  throw new ContendedProductError(command.sku);
}
