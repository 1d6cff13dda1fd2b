import { Sku } from '@platform/contracts';
import * as z from 'zod/mini';

/** ISO 4217: three capital letters. */
const Currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code (three capital letters)'));

/** Body of `PUT /catalog/products/{sku}`; unknown fields are rejected. */
export const ProductInput = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  priceCents: z.number().check(z.int(), z.gte(0), z.lte(1_000_000_000)),
  currency: Currency,
});

/** A product as the API returns it. */
export const Product = z.object({
  sku: Sku,
  name: z.string(),
  priceCents: z.number().check(z.int()),
  currency: Currency,
  version: z.number().check(z.int(), z.gte(1)),
  updatedAt: z.iso.datetime(),
});

/** `{ sku }` path parameters. */
export const SkuPath = z.object({ sku: Sku });

/** `?limit=1..100 (default 20)&cursor=…`. */
export const ListQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

/** A page of products. */
export const ProductList = z.object({ items: z.array(Product), nextCursor: z.nullable(z.string()) });

/** Optional `If-Match` on writes. */
export const IfMatchHeader = z.object({ 'if-match': z.optional(z.string()) });
