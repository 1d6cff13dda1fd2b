import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  AlreadyExistsError,
  type CursorCodec,
  deleteIfVersion,
  getItem,
  NotFoundError,
  pingTable,
  putIfAbsent,
  putIfVersion,
  queryPage,
  tenantKey,
  VersionConflictError,
} from '@platform/persistence';
import { ProductChangedError, ProductExistsError, ProductNotFoundError } from '../domain/errors';
import type { Product, ProductPage, ProductStore } from '../domain/product';

/** The port's errors for what the persistence lib says; anything else is rethrown as it is. */
function translated(sku: string, error: unknown): unknown {
  if (error instanceof AlreadyExistsError) return new ProductExistsError(sku);
  if (error instanceof VersionConflictError) return new ProductChangedError(sku);
  if (error instanceof NotFoundError) return new ProductNotFoundError(sku);
  return error;
}

/** How a product is stored: one partition per tenant, sorted by sku. */
interface ProductItem extends Product {
  pk: string;
  sk: string;
  tenantId: string;
}

const PRODUCTS_QUERY = 'catalog:products';

function keyOf(tenantId: string, sku: string): { pk: string; sk: string } {
  return { pk: tenantKey(tenantId, 'PRODUCT'), sk: `PRODUCT#${sku}` };
}

function toItem(tenantId: string, product: Product): ProductItem {
  return { ...keyOf(tenantId, product.sku), tenantId, ...product };
}

function toProduct(item: ProductItem): Product {
  return {
    sku: item.sku,
    name: item.name,
    priceCents: item.priceCents,
    currency: item.currency,
    version: item.version,
    updatedAt: item.updatedAt,
  };
}

/**
 * {@link ProductStore} on the service's DynamoDB table (`pk = T#<tenant>#PRODUCT`,
 * `sk = PRODUCT#<sku>`), so a tenant's products list in sku order and no key reaches another tenant.
 */
export class DynamoProductStore implements ProductStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly codec: () => Promise<CursorCodec>,
  ) {}

  async get(tenantId: string, sku: string): Promise<Product | undefined> {
    const item = await getItem<ProductItem>(this.client, {
      tableName: this.tableName,
      key: keyOf(tenantId, sku),
      consistentRead: true,
    });
    return item ? toProduct(item) : undefined;
  }

  async create(tenantId: string, product: Product): Promise<void> {
    await putIfAbsent(this.client, {
      tableName: this.tableName,
      item: { ...toItem(tenantId, product) },
    }).catch((error: unknown) => Promise.reject(translated(product.sku, error)));
  }

  async replace(tenantId: string, product: Product, expectedVersion: number): Promise<void> {
    await putIfVersion(this.client, {
      tableName: this.tableName,
      item: { ...toItem(tenantId, product) },
      expectedVersion,
    }).catch((error: unknown) => Promise.reject(translated(product.sku, error)));
  }

  async delete(tenantId: string, sku: string, expectedVersion?: number): Promise<void> {
    await deleteIfVersion(this.client, {
      tableName: this.tableName,
      key: keyOf(tenantId, sku),
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    }).catch((error: unknown) => Promise.reject(translated(sku, error)));
  }

  async list(tenantId: string, page: { limit: number; cursor?: string | undefined }): Promise<ProductPage> {
    const result = await queryPage<ProductItem>(this.client, {
      tableName: this.tableName,
      keyCondition: 'pk = :pk AND begins_with(sk, :prefix)',
      values: { ':pk': tenantKey(tenantId, 'PRODUCT'), ':prefix': 'PRODUCT#' },
      limit: page.limit,
      cursor: page.cursor ?? null,
      scope: { tenantId, query: PRODUCTS_QUERY },
      codec: await this.codec(),
      consistentRead: true,
    });
    return { items: result.items.map(toProduct), nextCursor: result.nextCursor };
  }

  ping(): Promise<void> {
    return pingTable(this.client, this.tableName);
  }
}
