import { loadEnv } from '@platform/http';
import { z } from 'zod';

/** The orders service's environment, read once at cold start (see README "Environment"). */
export const config = loadEnv(
  z.object({
    SERVICE_NAME: z.string().default('orders'),
    STAGE: z.string().min(1),
    TABLE_NAME: z.string().min(1),
    /** Base URL of the catalog service (its routes start with /catalog/). */
    CATALOG_URL: z.url(),
    CATALOG_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
    INVENTORY_RESERVE_FUNCTION: z.string().min(1),
    INVENTORY_RELEASE_FUNCTION: z.string().min(1),
    /** Lambda API endpoint override: serverless-offline's Lambda port locally; unset in AWS. */
    INVENTORY_LAMBDA_ENDPOINT: z.url().optional(),
    INVENTORY_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
    /** How long a replay of the same Idempotency-Key answers the first response. */
    IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
  }),
);
