import { Sku } from '@platform/contracts';
import { z } from 'zod';

/** Body of `PUT /inventory/stock/{sku}`. */
export const StockInput = z.strictObject({ available: z.number().int().min(0).max(1_000_000_000) });

/** Stock as the API returns it. */
export const Stock = z.object({
  sku: Sku,
  available: z.number().int().min(0),
  reserved: z.number().int().min(0),
  version: z.number().int().min(1),
});

export const SkuPath = z.object({ sku: Sku });

/** The internal functions' payloads: the reservation contract orders calls (@platform/contracts). */
export { ReleaseRequest, ReserveRequest } from '@platform/contracts';
