import { readServerlessConfig } from './serverless-config';

/** An HTTP API route a `serverless.yml` declares. */
export interface ServerlessRoute {
  /** `GET /catalog/products/{sku}`. */
  routeKey: string;
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
 * // [{ routeKey: 'GET /catalog/health', functionName: 'health', scopes: [], authorizer: undefined }, ...]
 */
export function readServerlessRoutes(serverlessYmlPath: string): ServerlessRoute[] {
  const config = readServerlessConfig(serverlessYmlPath) as {
    functions?: Record<string, { events?: unknown[] }>;
  };
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
      routes.push({
        routeKey: `${String(declared.method ?? '*').toUpperCase()} ${declared.path ?? ''}`,
        functionName,
        scopes: authorizer?.scopes ?? [],
        authorizer: authorizer?.name,
      });
    }
  }
  return routes;
}
