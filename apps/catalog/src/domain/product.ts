/** A product of one tenant's catalog (docs/api.md "catalog"). */
export interface Product {
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  /** Starts at 1; +1 on every replace. Sent as the ETag. */
  version: number;
  /** ISO 8601. */
  updatedAt: string;
}

/** What a client sends to create or replace a product. */
export interface ProductInput {
  name: string;
  priceCents: number;
  currency: string;
}

/** One page of a tenant's products, ordered by sku. */
export interface ProductPage {
  items: Product[];
  nextCursor: string | null;
}

/**
 * The catalog's storage port; `src/store` implements it on DynamoDB. Its failures are the
 * catalog's own errors (`./errors`); the adapter translates whatever its database says.
 */
export interface ProductStore {
  get(tenantId: string, sku: string): Promise<Product | undefined>;
  /** Creates version 1; rejects with `ProductExistsError` when the sku exists. */
  create(tenantId: string, product: Product): Promise<void>;
  /**
   * Replaces the product when its stored version is `expectedVersion`; `ProductChangedError`
   * when it is another one, `ProductNotFoundError` when there is none.
   */
  replace(tenantId: string, product: Product, expectedVersion: number): Promise<void>;
  /**
   * Deletes the product (when its version is `expectedVersion`, if given);
   * `ProductNotFoundError` / `ProductChangedError`.
   */
  delete(tenantId: string, sku: string, expectedVersion?: number): Promise<void>;
  list(tenantId: string, page: { limit: number; cursor?: string | undefined }): Promise<ProductPage>;
  /** Resolves when the table answers. */
  ping(): Promise<void>;
}

/** A write's precondition (from `If-Match`): whether it holds for the stored version (`undefined`: none stored). */
export type VersionPrecondition = (currentVersion: number | undefined) => boolean;

/** Waits before attempt `attempt + 1` of an optimistic write that lost a race. */
export type RetryPause = (attempt: number) => Promise<void>;
