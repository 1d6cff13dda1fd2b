import { loadEnv } from '@platform/http';
import * as z from 'zod/mini';

/** The inventory's environment, read once at cold start (see README "Environment"). */
export const config = loadEnv(
  z.object({
    SERVICE_NAME: z._default(z.string(), 'inventory'),
    STAGE: z.string().check(z.minLength(1)),
    TABLE_NAME: z.string().check(z.minLength(1)),
  }),
);
