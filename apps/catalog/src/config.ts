import { loadEnv } from '@platform/http';
import { z } from 'zod';

/** The catalog's environment, read once at cold start (see README "Environment"). */
export const config = loadEnv(
  z.object({
    SERVICE_NAME: z.string().default('catalog'),
    STAGE: z.string().min(1),
    TABLE_NAME: z.string().min(1),
  }),
);
