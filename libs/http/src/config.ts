import type { z } from 'zod';
import { ConfigError } from './errors';

/**
 * Parses the environment once, at module load, through a zod schema; a missing or invalid
 * variable throws a {@link ConfigError} naming every variable at fault, so a misconfigured function
 * fails on its first cold start rather than deep inside a request.
 *
 * @example
 * import { z as zod } from 'zod';
 *
 * const config = loadEnv(zod.object({ TABLE_NAME: zod.string().min(1), CATALOG_URL: zod.url() }));
 * config.TABLE_NAME; // string
 */
export function loadEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(
    `Invalid environment — ${problems.join('; ')}. Set these variables (see the service README).`,
  );
}
