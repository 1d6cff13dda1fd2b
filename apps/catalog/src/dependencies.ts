import { getLogger } from '@platform/observability';
import {
  createCursorCodec,
  createDocumentClient,
  type CursorCodec,
  loadCursorSecret,
} from '@platform/persistence';
import { config } from './config';
import type { ProductStore } from './domain/product';
import { DynamoProductStore } from './store/dynamo-product-store';

let codec: Promise<CursorCodec> | undefined;

/** The cursor codec, built once per container from CURSOR_SECRET or its SSM parameter. */
function cursorCodec(): Promise<CursorCodec> {
  codec ??= loadCursorSecret().then(createCursorCodec);
  codec.catch(() => {
    codec = undefined; // try again on the next request
  });
  return codec;
}

/** The product store every handler of this container shares (one client, one keep-alive pool). */
export const products: ProductStore = new DynamoProductStore(
  createDocumentClient(),
  config.TABLE_NAME,
  cursorCodec,
);

/** The service's logger. */
export const logger = getLogger();
