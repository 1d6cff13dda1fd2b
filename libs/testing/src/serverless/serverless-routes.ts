import { readServerlessConfig } from './serverless-config';

/** An HTTP API route a `serverless.yml` declares. */
export interface ServerlessRoute {
  /**
   * Where the stage serves it: `GET /catalog/products/{sku}`. The service's API is mapped under
   * `/<service>` of the stage's host, which API Gateway strips, so this is the declared path with
   * `/<service>` in front.
   */
  routeKey: string;
  /** As the API itself declares it: `GET /products/{sku}`. */
  apiRouteKey: string;
  functionName: string;
  /** Scopes of its JWT authorizer; empty for a route without one. */
  scopes: string[];
  authorizer: string | undefined;
}

interface HttpApiEvent {
  method?: string;
  path?: string;
  authorizer?: string | { name?: string; scopes?: string[] };
}

/**
 * Lists every `httpApi` route of a `serverless.yml` with its function and authorizer scopes, to
 * check the IaC against a service's documented routes.
 *
 * @example
 * readServerlessRoutes('apps/catalog/serverless.yml');
 * // [{ routeKey: 'GET /catalog/health', apiRouteKey: 'GET /health', functionName: 'health', scopes: [], authorizer: undefined }, ...]
 */
export function readServerlessRoutes(serverlessYmlPath: string): ServerlessRoute[] {
  const config = readServerlessConfig(serverlessYmlPath) as {
    service?: unknown;
    functions?: Record<string, { events?: unknown[] }>;
  };
  const mount = `/${String(config.service ?? '')}`;
  const routes: ServerlessRoute[] = [];
  for (const [functionName, fn] of Object.entries(config.functions ?? {})) {
    for (const event of fn.events ?? []) {
      const httpApi = (event as { httpApi?: string | HttpApiEvent }).httpApi;
      if (httpApi === undefined) continue;
      const declared: HttpApiEvent =
        typeof httpApi === 'string'
          ? { method: httpApi.split(' ')[0], path: httpApi.split(' ')[1] }
          : httpApi;
      const authorizer =
        typeof declared.authorizer === 'string' ? { name: declared.authorizer } : declared.authorizer;
      const method = String(declared.method ?? '*').toUpperCase();
      const path = declared.path ?? '';
      routes.push({
        routeKey: `${method} ${path === '/' ? mount : `${mount}${path}`}`,
        apiRouteKey: `${method} ${path}`,
        functionName,
        scopes: authorizer?.scopes ?? [],
        authorizer: authorizer?.name,
      });
    }
  }
  return routes;
}
