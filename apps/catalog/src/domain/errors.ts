/** Base class of the catalog's domain errors. */
class CatalogError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CatalogError';
  }
}

/** An `If-Match` precondition does not hold for the stored product (or the product does not exist). */
export class StaleVersionError extends CatalogError {
  constructor(
    readonly sku: string,
    readonly currentVersion: number | undefined,
  ) {
    super(`If-Match does not match product ${sku} (current version ${currentVersion ?? 'none'})`);
    this.name = 'StaleVersionError';
  }
}

/** The product does not exist for this tenant. */
export class ProductNotFoundError extends CatalogError {
  constructor(readonly sku: string) {
    super(`No product ${sku}`);
    this.name = 'ProductNotFoundError';
  }
}

/** Concurrent writers kept changing the product; the request may be retried. */
export class ContendedProductError extends CatalogError {
  constructor(readonly sku: string) {
    super(`Product ${sku} kept changing while it was being saved`);
    this.name = 'ContendedProductError';
  }
}

/** The store's answer to creating a sku that exists already (another writer created it first). */
export class ProductExistsError extends CatalogError {
  constructor(readonly sku: string) {
    super(`Product ${sku} exists already`);
    this.name = 'ProductExistsError';
  }
}

/** The store's answer to a write that expected another stored version (another writer changed it). */
export class ProductChangedError extends CatalogError {
  constructor(readonly sku: string) {
    super(`Product ${sku} is not at the expected version`);
    this.name = 'ProductChangedError';
  }
}
