import * as z from 'zod/mini';
import { Sku } from './sku';

/** One line of a reservation: a sku and a quantity (API.md: 1..1000). */
export const StockLine = z.strictObject({ sku: Sku, qty: z.number().check(z.int(), z.gte(1), z.lte(1000)) });
export type StockLine = z.output<typeof StockLine>;

/** An order's lines: 1..50, each sku once. */
export const StockLines = z.array(StockLine).check(
  z.minLength(1),
  z.maxLength(50),
  z.refine((lines) => new Set(lines.map((line) => line.sku)).size === lines.length, 'skus must be unique'),
);

/** The order a reservation belongs to. */
const OrderId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/));

/** The payload of inventory's internal `reserve` function: all lines of an order, or none. */
export const ReserveRequest = z.strictObject({
  tenantId: z.string().check(z.minLength(1), z.maxLength(128)),
  orderId: OrderId,
  lines: StockLines,
  correlationId: z.optional(z.string().check(z.maxLength(128))),
});
export type ReserveRequest = z.output<typeof ReserveRequest>;

/** `reserve`'s answer; repeating the same order gets the first answer again. */
export const ReservationAnswer = z.union([
  z.strictObject({ status: z.literal('RESERVED') }),
  z.strictObject({
    status: z.literal('REJECTED'),
    reason: z.enum(['INSUFFICIENT_STOCK', 'UNKNOWN_SKU']),
    sku: z.string(),
  }),
]);
export type ReservationAnswer = z.output<typeof ReservationAnswer>;

/** The payload of inventory's internal `release` function: an order's reserved stock back, once. */
export const ReleaseRequest = z.strictObject({
  tenantId: z.string().check(z.minLength(1), z.maxLength(128)),
  orderId: OrderId,
  correlationId: z.optional(z.string().check(z.maxLength(128))),
});
export type ReleaseRequest = z.output<typeof ReleaseRequest>;

/** `release`'s answer; repeating it is harmless. */
export const ReleaseAnswer = z.strictObject({
  status: z.enum(['RELEASED', 'ALREADY_RELEASED', 'NOT_RESERVED']),
});
export type ReleaseAnswer = z.output<typeof ReleaseAnswer>;
