import { loadEnv } from '@platform/http';
import * as z from 'zod/mini';

/** The orders service's environment, read once at cold start (see README "Environment"). */
export const config = loadEnv(
  z.object({
    SERVICE_NAME: z._default(z.string(), 'orders'),
    STAGE: z.string().check(z.minLength(1)),
    TABLE_NAME: z.string().check(z.minLength(1)),
    /** Base URL of the catalog service (its routes start with /catalog/). */
    CATALOG_URL: z.url(),
    CATALOG_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.gte(100)), 3000),
    INVENTORY_RESERVE_FUNCTION: z.string().check(z.minLength(1)),
    INVENTORY_RELEASE_FUNCTION: z.string().check(z.minLength(1)),
    /** Lambda API endpoint override: serverless-offline's Lambda port locally; unset in AWS. */
    INVENTORY_LAMBDA_ENDPOINT: z.optional(z.url()),
    INVENTORY_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.gte(100)), 5000),
    /** How long a replay of the same Idempotency-Key answers the first response. */
    IDEMPOTENCY_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(60)), 86_400),
  }),
);
