import { Sku, StockLines } from '@platform/contracts';
import * as z from 'zod/mini';

/** Body of `POST /orders`: 1..50 lines, skus unique, qty 1..1000; unknown fields rejected. */
export const PlaceOrderBody = z.strictObject({ lines: StockLines });

/** `Idempotency-Key` (required on POST /orders). */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/, 'must match ^[A-Za-z0-9_-]{1,128}$')),
});

/**
 * `{orderId}`: every value is accepted. Order ids are ULIDs, and anything else answers 404 as an order the
 * caller does not have (docs/api.md: a missing resource is a 404), without a table read (the store).
 */
export const OrderPath = z.object({ orderId: z.string() });

/** `?limit=1..100 (default 20)&cursor=…`. */
export const ListQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

const OrderLine = z.object({
  sku: Sku,
  qty: z.number().check(z.int()),
  unitPriceCents: z.number().check(z.int()),
  currency: z.string(),
});

/** An order as the API returns it. */
export const Order = z.object({
  orderId: z.string(),
  status: z.enum(['CONFIRMED', 'CANCELLED']),
  lines: z.array(OrderLine),
  totalCents: z.number().check(z.int()),
  currency: z.string(),
  createdAt: z.iso.datetime(),
  version: z.number().check(z.int(), z.gte(1)),
});

export const OrderList = z.object({ items: z.array(Order), nextCursor: z.nullable(z.string()) });
