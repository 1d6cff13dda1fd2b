import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  pingTable,
  type CursorCodec,
  deleteIfVersion,
  getItem,
  putIfAbsent,
  putIfVersion,
  queryPage,
  tenantKey,
} from '@platform/persistence';
import type { Product, ProductPage, ProductStore } from '../domain/product';

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
    await putIfAbsent(this.client, { tableName: this.tableName, item: { ...toItem(tenantId, product) } });
  }

  async replace(tenantId: string, product: Product, expectedVersion: number): Promise<void> {
    await putIfVersion(this.client, {
      tableName: this.tableName,
      item: { ...toItem(tenantId, product) },
      expectedVersion,
    });
  }

  async delete(tenantId: string, sku: string, expectedVersion?: number): Promise<void> {
    await deleteIfVersion(this.client, {
      tableName: this.tableName,
      key: keyOf(tenantId, sku),
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    });
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
