import { createDocumentClient, lazyCursorCodec } from '@platform/persistence';
import { config } from './config';
import type { ProductStore } from './domain/product';
import { DynamoProductStore } from './store/dynamo-product-store';

/** The product store every handler of this container shares (one client, one keep-alive pool). */
export const products: ProductStore = new DynamoProductStore(
  createDocumentClient(),
  config.TABLE_NAME,
  lazyCursorCodec(),
);
