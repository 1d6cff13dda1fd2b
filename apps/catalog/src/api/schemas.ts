import { Sku } from '@platform/contracts';
import { z } from 'zod';

/** ISO 4217: three capital letters. */
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code (three capital letters)');

/** Body of `PUT /catalog/products/{sku}`; unknown fields are rejected. */
export const ProductInput = z.strictObject({
  name: z.string().min(1).max(200),
  priceCents: z.number().int().min(0).max(1_000_000_000),
  currency: Currency,
});

/** A product as the API returns it. */
export const Product = z.object({
  sku: Sku,
  name: z.string(),
  priceCents: z.number().int(),
  currency: Currency,
  version: z.number().int().min(1),
  updatedAt: z.iso.datetime(),
});

/** `{ sku }` path parameters. */
export const SkuPath = z.object({ sku: Sku });

/** `?limit=1..100 (default 20)&cursor=…`. */
export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

/** A page of products. */
export const ProductList = z.object({ items: z.array(Product), nextCursor: z.string().nullable() });

/** Optional `If-Match` on writes. */
export const IfMatchHeader = z.object({ 'if-match': z.string().optional() });
