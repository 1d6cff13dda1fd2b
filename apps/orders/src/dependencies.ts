import { LambdaClient } from '@aws-sdk/client-lambda';
import { captureAwsClient, getLogger } from '@platform/observability';
import { createDocumentClient, lazyCursorCodec } from '@platform/persistence';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { monotonicFactory } from 'ulid';
import { HttpPriceCatalog } from './clients/catalog-prices';
import { LambdaStockReservations } from './clients/inventory-reservations';
import { config } from './config';
import type { OrderStore, PriceCatalog, StockReservations } from './domain/order';
import { DynamoOrderStore } from './store/dynamo-order-store';

const documents = createDocumentClient();
export const orders: OrderStore = new DynamoOrderStore(documents, config.TABLE_NAME, lazyCursorCodec());
export const catalog: PriceCatalog = new HttpPriceCatalog(config.CATALOG_URL, config.CATALOG_TIMEOUT_MS);
export const inventory: StockReservations = new LambdaStockReservations(
  captureAwsClient(
    new LambdaClient({
      ...(config.INVENTORY_LAMBDA_ENDPOINT ? { endpoint: config.INVENTORY_LAMBDA_ENDPOINT } : {}),
      maxAttempts: 2,
      requestHandler: new NodeHttpHandler({ requestTimeout: config.INVENTORY_TIMEOUT_MS }),
    }),
  ),
  { reserve: config.INVENTORY_RESERVE_FUNCTION, release: config.INVENTORY_RELEASE_FUNCTION },
);
export const newOrderId = monotonicFactory();
export const logger = getLogger();
