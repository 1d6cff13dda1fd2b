import * as z from 'zod/mini';
import { Sku } from './sku';

/** One line of a reservation: a sku and a quantity (1..1000). */
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

/** A point in time, in milliseconds since the epoch. */
const EpochMs = z.number().check(z.int(), z.gte(0));

/**
 * The customer's bearer token, forwarded by orders. Inventory verifies it (issuer, audience,
 * signature, expiry, the `orders:write` scope) and takes the tenant from it: the payload names no
 * tenant, so no caller can act on a tenant its customer's token does not name.
 */
const CallerToken = z.string().check(z.minLength(1), z.maxLength(8192));

/**
 * The payload of inventory's internal `reserve` function: hold all lines of an order, or none.
 *
 * `attempt` identifies the caller's try (when it started, epoch ms): a `release` of an attempt
 * closes the order for it and every earlier one, so a `reserve` of that attempt arriving late
 * fails; a later attempt of the same order may hold again. The hold lasts until `holdUntil` (epoch
 * ms, capped by inventory) unless the order is written first, which confirms it.
 */
export const ReserveRequest = z.strictObject({
  token: CallerToken,
  orderId: OrderId,
  lines: StockLines,
  attempt: EpochMs,
  holdUntil: EpochMs,
  correlationId: z.optional(z.string().check(z.maxLength(128))),
});
export type ReserveRequest = z.output<typeof ReserveRequest>;

/**
 * `reserve`'s answer. `RESERVED`: the lines are held (a repeat, or a later attempt of the same
 * order, gets the same hold). `REJECTED`: nothing held; repeating it gets the first answer.
 * `CLOSED`: this attempt was released before it arrived, or its `holdUntil` has passed; nothing
 * held (a later attempt may hold again).
 */
export const ReservationAnswer = z.union([
  z.strictObject({ status: z.literal('RESERVED') }),
  z.strictObject({
    status: z.literal('REJECTED'),
    reason: z.enum(['INSUFFICIENT_STOCK', 'UNKNOWN_SKU']),
    sku: z.string(),
  }),
  z.strictObject({ status: z.literal('CLOSED') }),
]);
export type ReservationAnswer = z.output<typeof ReservationAnswer>;

/**
 * The payload of inventory's internal `release` function: give back an order's held stock, once,
 * and close the order for `attempt` and every earlier attempt.
 */
export const ReleaseRequest = z.strictObject({
  token: CallerToken,
  orderId: OrderId,
  attempt: EpochMs,
  correlationId: z.optional(z.string().check(z.maxLength(128))),
});
export type ReleaseRequest = z.output<typeof ReleaseRequest>;

/**
 * `release`'s answer; repeating it is harmless. `NOT_RESERVED`: nothing was held for this attempt
 * (the order is closed for it now). `CONFIRMED`: the order was written, so its stock stays sold.
 */
export const ReleaseAnswer = z.strictObject({
  status: z.enum(['RELEASED', 'ALREADY_RELEASED', 'NOT_RESERVED', 'CONFIRMED']),
});
export type ReleaseAnswer = z.output<typeof ReleaseAnswer>;

/** The scopes the forwarded customer token must hold for `reserve` and `release`: placing or cancelling an order. */
export const RESERVATION_SCOPES: readonly string[] = ['orders:write'];
