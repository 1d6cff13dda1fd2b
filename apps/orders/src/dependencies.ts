import { getLogger } from '@platform/observability';
import { createDocumentClient, lazyCursorCodec } from '@platform/persistence';
import { monotonicFactory } from 'ulid';
import { config } from './config';
import type { OrderStore } from './domain/order';
import { DynamoOrderStore } from './store/dynamo-order-store';

/** The order store every handler of this container shares (one client, one keep-alive pool). */
export const orders: OrderStore = new DynamoOrderStore(
  createDocumentClient(),
  config.TABLE_NAME,
  lazyCursorCodec(),
  config.INVENTORY_TABLE_NAME,
  config.IDEMPOTENCY_TTL_SECONDS,
);
export const newOrderId = monotonicFactory();
export const logger = getLogger();
