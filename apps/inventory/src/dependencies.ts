import { createDocumentClient } from '@platform/persistence';
import { config } from './config';
import type { StockStore } from './domain/stock';
import { DynamoStockStore } from './store/dynamo-stock-store';

/** The stock store every handler of this container shares. */
export const stock: StockStore = new DynamoStockStore(createDocumentClient(), config.TABLE_NAME);
