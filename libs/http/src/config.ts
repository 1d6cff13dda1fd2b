import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import { ConfigError } from './errors';
import { useEnglishMessages } from './zod-messages';

/**
 * Parses the environment once, at module load, through a zod schema; a missing or invalid
 * variable throws a {@link ConfigError} naming every variable at fault, so a misconfigured function
 * fails on its first cold start rather than deep inside a request.
 *
 * @example
 * import * as zod from 'zod/mini';
 *
 * const config = loadEnv(zod.object({ TABLE_NAME: zod.string().check(zod.minLength(1)), CATALOG_URL: zod.url() }));
 * config.TABLE_NAME; // string
 */
export function loadEnv<S extends core.$ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): core.output<S> {
  useEnglishMessages();
  const result = z.safeParse(schema, env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(
    `Invalid environment — ${problems.join('; ')}. Set these variables (see the service README).`,
  );
}
