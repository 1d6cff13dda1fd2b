/** `get  /catalog/health` → `GET /catalog/health`, so API Gateway route keys compare reliably. */
export function normalizeRouteKey(routeKey: string): string {
  const [method = '', ...rest] = routeKey.trim().split(/\s+/);
  return rest.length === 0 ? method : `${method.toUpperCase()} ${rest.join(' ')}`;
}

/**
 * The route key the framework derives from an httpApi event (`get /a`, `* /a`, `*`):
 * `GET /a`, `ANY /a`, `$default`.
 *
 * @example
 * serverlessRouteKey('* /catalog/{proxy+}'); // 'ANY /catalog/{proxy+}'
 */
export function serverlessRouteKey(methodAndPath: string): string {
  const [method = '', path = ''] = methodAndPath.trim().split(/\s+/);
  if (path === '*' || (method === '*' && path === '')) return '$default';
  return `${method === '*' ? 'ANY' : method.toUpperCase()} ${path}`;
}
