import { LambdaClient } from '@aws-sdk/client-lambda';
import { captureAwsClient } from '@platform/observability';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpPriceCatalog } from './clients/catalog-prices';
import { LambdaStockReservations } from './clients/inventory-reservations';
import { config } from './config';
import type { PriceCatalog, StockReservations } from './domain/order';

/*
 * The services orders calls. Only the functions that call them import this module, so the Lambda
 * client (70 KB) stays out of the other functions' bundles (ADR-010).
 */

/** Catalog's prices, over its HTTP API. */
export const catalog: PriceCatalog = new HttpPriceCatalog(config.CATALOG_URL, config.CATALOG_TIMEOUT_MS);

/** Inventory's reservations, through its internal functions (Lambda invoke). */
export const inventory: StockReservations = new LambdaStockReservations(
  captureAwsClient(
    new LambdaClient({
      ...(config.INVENTORY_LAMBDA_ENDPOINT ? { endpoint: config.INVENTORY_LAMBDA_ENDPOINT } : {}),
      // One attempt: a retry would outlive the caller's time budget (each call gets its own signal).
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ requestTimeout: config.INVENTORY_TIMEOUT_MS }),
    }),
  ),
  { reserve: config.INVENTORY_RESERVE_FUNCTION, release: config.INVENTORY_RELEASE_FUNCTION },
);
