/** Which browser origins may read responses. */
export interface CorsOptions {
  /** Allowed origins (`https://app.example.com`), or `['*']` for any. Empty: no CORS headers. */
  origins: readonly string[];
  /** Response headers a browser may read (default: etag, location, x-correlation-id, retry-after). */
  exposeHeaders?: readonly string[];
}

const DEFAULT_EXPOSED = ['etag', 'location', 'x-correlation-id', 'retry-after'];

/** CORS settings from `CORS_ALLOWED_ORIGINS` (comma-separated). @example corsFromEnv({ CORS_ALLOWED_ORIGINS: 'https://a.example' }) */
export function corsFromEnv(env: NodeJS.ProcessEnv = process.env): CorsOptions {
  const origins = (env['CORS_ALLOWED_ORIGINS'] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return { origins };
}

/**
 * The CORS response headers for a request's `Origin`: none unless the origin is allowed.
 *
 * @example
 * corsHeaders({ origins: ['*'] }, 'https://a.example'); // { 'access-control-allow-origin': '*', ... }
 */
export function corsHeaders(options: CorsOptions, origin: string | undefined): Record<string, string> {
  if (!origin || options.origins.length === 0) return {};
  const anyOrigin = options.origins.includes('*');
  if (!anyOrigin && !options.origins.includes(origin)) return {};
  return {
    'access-control-allow-origin': anyOrigin ? '*' : origin,
    'access-control-expose-headers': (options.exposeHeaders ?? DEFAULT_EXPOSED).join(', '),
    ...(anyOrigin ? {} : { vary: 'Origin' }),
  };
}
