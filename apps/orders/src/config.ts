import { loadEnv } from '@platform/http';
import * as z from 'zod/mini';

/** Hosts `CATALOG_URL` may name over plain http. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The orders service's environment, read once at cold start (see README "Environment"). */
export const config = loadEnv(
  z.object({
    SERVICE_NAME: z._default(z.string(), 'orders'),
    STAGE: z.string().check(z.minLength(1)),
    TABLE_NAME: z.string().check(z.minLength(1)),
    /**
     * Base URL of the catalog service (its routes start with /catalog/): https, or http to a
     * loopback host only (the local stack), since the caller's token travels with every request.
     */
    CATALOG_URL: z.url().check(
      z.refine((url) => {
        const { protocol, hostname } = new URL(url);
        return protocol === 'https:' || (protocol === 'http:' && LOOPBACK.has(hostname));
      }, "must be https (http only to localhost, 127.0.0.1 or [::1]): the caller's token is sent to it"),
    ),
    CATALOG_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.gte(100)), 3000),
    INVENTORY_RESERVE_FUNCTION: z.string().check(z.minLength(1)),
    INVENTORY_RELEASE_FUNCTION: z.string().check(z.minLength(1)),
    /** Inventory's table: the transaction that writes an order confirms the order's hold there (ADR-011). */
    INVENTORY_TABLE_NAME: z.string().check(z.minLength(1)),
    /** Lambda API endpoint override: serverless-offline's Lambda port locally; unset in AWS. */
    INVENTORY_LAMBDA_ENDPOINT: z.optional(z.url()),
    INVENTORY_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.gte(100)), 5000),
    /** How long a replay of the same Idempotency-Key answers the first response. */
    IDEMPOTENCY_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(60)), 86_400),
  }),
);
