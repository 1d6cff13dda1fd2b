import { Sku } from '@platform/contracts';
import * as z from 'zod/mini';

/** Body of `PUT /inventory/stock/{sku}`. */
export const StockInput = z.strictObject({
  available: z.number().check(z.int(), z.gte(0), z.lte(1_000_000_000)),
});

/** Stock as the API returns it. */
export const Stock = z.object({
  sku: Sku,
  available: z.number().check(z.int(), z.gte(0)),
  reserved: z.number().check(z.int(), z.gte(0)),
  version: z.number().check(z.int(), z.gte(1)),
});

export const SkuPath = z.object({ sku: Sku });

/** The internal functions' payloads: the reservation contract orders calls (@platform/contracts). */
export { ReleaseRequest, ReserveRequest } from '@platform/contracts';
