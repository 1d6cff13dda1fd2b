import { z } from 'zod';

/** API.md: `^[A-Z0-9][A-Z0-9-]{0,63}$`. */
export const Sku = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,63}$/, 'must match ^[A-Z0-9][A-Z0-9-]{0,63}$');

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

const Lines = z
  .array(z.strictObject({ sku: Sku, qty: z.number().int().min(1).max(1000) }))
  .min(1)
  .max(50)
  .refine((lines) => new Set(lines.map((line) => line.sku)).size === lines.length, 'skus must be unique');

const OrderId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

/** Payload of the internal `reserve` function. */
export const ReserveRequest = z.strictObject({
  tenantId: z.string().min(1).max(128),
  orderId: OrderId,
  lines: Lines,
  correlationId: z.string().max(128).optional(),
});

/** Payload of the internal `release` function. */
export const ReleaseRequest = z.strictObject({
  tenantId: z.string().min(1).max(128),
  orderId: OrderId,
  correlationId: z.string().max(128).optional(),
});
