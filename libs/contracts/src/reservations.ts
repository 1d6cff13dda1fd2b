import { z } from 'zod';
import { Sku } from './sku';

/** One line of a reservation: a sku and a quantity (API.md: 1..1000). */
export const StockLine = z.strictObject({ sku: Sku, qty: z.number().int().min(1).max(1000) });
export type StockLine = z.output<typeof StockLine>;

/** An order's lines: 1..50, each sku once. */
export const StockLines = z
  .array(StockLine)
  .min(1)
  .max(50)
  .refine((lines) => new Set(lines.map((line) => line.sku)).size === lines.length, 'skus must be unique');

/** The order a reservation belongs to. */
const OrderId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

/** The payload of inventory's internal `reserve` function: all lines of an order, or none. */
export const ReserveRequest = z.strictObject({
  tenantId: z.string().min(1).max(128),
  orderId: OrderId,
  lines: StockLines,
  correlationId: z.string().max(128).optional(),
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
  tenantId: z.string().min(1).max(128),
  orderId: OrderId,
  correlationId: z.string().max(128).optional(),
});
export type ReleaseRequest = z.output<typeof ReleaseRequest>;

/** `release`'s answer; repeating it is harmless. */
export const ReleaseAnswer = z.strictObject({
  status: z.enum(['RELEASED', 'ALREADY_RELEASED', 'NOT_RESERVED']),
});
export type ReleaseAnswer = z.output<typeof ReleaseAnswer>;
