import middy from '@middy/core';
import { authConfigFromEnv, createJwtVerifier, type JwtVerifier, type Principal } from '@platform/auth';
import { getLogger, getMetrics, type Logger, type PlatformMetrics } from '@platform/observability';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as core from 'zod/v4/core';
import { type CorsOptions, corsFromEnv } from './cors';
import type { HttpError } from './errors';
import { type IfMatch, parseIfMatch } from './if-match';
import { accessLog } from './middleware/access-log';
import { authentication } from './middleware/authentication';
import { bodyLimit, DEFAULT_MAX_BODY_BYTES } from './middleware/body-limit';
import { cors } from './middleware/cors';
import type { HttpState } from './middleware/http-request';
import { jsonBody } from './middleware/json-body';
import { jsonContentType } from './middleware/json-content-type';
import { problemResponses } from './middleware/problem-responses';
import { correlationFromHeader, requestContext } from './middleware/request-context';
import { validation } from './middleware/validation';
import type { HttpResult } from './responses';

/** What the stack needs from outside; every part has a default built from the environment. */
export interface HttpDependencies {
  verifier: JwtVerifier;
  logger: Logger;
  metrics: PlatformMetrics;
  cors: CorsOptions;
}

type Schema = core.$ZodType | undefined;
type Output<S extends Schema> = S extends core.$ZodType ? core.output<S> : undefined;

/** Options of {@link httpHandler}. */
export interface HttpHandlerOptions<B extends Schema, Q extends Schema, P extends Schema, H extends Schema> {
  /** Scopes the token must hold (all of them). */
  scopes: readonly string[];
  /** zod schema of the JSON body (use `z.strictObject` so unknown fields are rejected). */
  body?: B;
  /** zod schema of the query string parameters (strings: use `z.coerce` for numbers). */
  query?: Q;
  /** zod schema of the path parameters. */
  path?: P;
  /** zod schema of (lower-cased) headers, for headers the route requires. */
  headers?: H;
  /** Default 64 KiB. */
  maxBodyBytes?: number;
  /** Maps the service's own domain errors to client problems; consulted before the platform mapping. */
  mapError?: (error: unknown) => HttpError | undefined;
  /** Replace the environment-built dependencies (tests, special routes). */
  dependencies?: Partial<HttpDependencies>;
}

/** What a handler receives: validated, typed input and the request's context. */
export interface HttpRequest<B, Q, P, H> {
  body: B;
  query: Q;
  path: P;
  /** Validated headers (when a `headers` schema is given). */
  parsedHeaders: H;
  /** Every header, names lower-cased. */
  headers: Readonly<Record<string, string>>;
  ifMatch: IfMatch | undefined;
  principal: Principal;
  correlationId: string;
  logger: Logger;
  event: APIGatewayProxyEventV2;
  context: Context;
}

/** A Lambda handler for API Gateway HTTP API (payload 2.0) events. */
export type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

let sharedVerifier: JwtVerifier | undefined;
/** The verifier built from AUTH_ISSUER / AUTH_AUDIENCE / AUTH_JWKS_URL, once per process. */
export function defaultVerifier(): JwtVerifier {
  sharedVerifier ??= createJwtVerifier(authConfigFromEnv());
  return sharedVerifier;
}

/** Resolves the dependencies of one handler: given ones first, defaults built on first use. */
export function dependencyResolver(given: Partial<HttpDependencies> | undefined): () => HttpDependencies {
  let resolved: HttpDependencies | undefined;
  return () => {
    resolved ??= {
      verifier: given?.verifier ?? defaultVerifier(),
      logger: given?.logger ?? getLogger(),
      metrics: given?.metrics ?? getMetrics(),
      cors: given?.cors ?? corsFromEnv(),
    };
    return resolved;
  };
}

/** What the request's middlewares hand the route: the context, with its validated request. */
type RouteContext<B, Q, P, H> = Context & { request?: HttpRequest<B, Q, P, H> };

/**
 * The middy stack every HTTP route shares, outermost first. Before: request context (correlation
 * id, cold start, log context), authentication and scopes (401/403: an anonymous caller learns
 * nothing more and costs no parsing), body size (413), content type (415), JSON (400), validation
 * (422 with `errors[]`). After, in reverse: the result as API
 * Gateway's response, CORS, the access line and metrics, the correlation id header. On error:
 * the error as problem+json (a bare 500 for anything not meant for the client), then the same
 * CORS, access line and correlation id.
 */
export function httpStack(
  options: Pick<HttpHandlerOptions<Schema, Schema, Schema, Schema>, 'mapError' | 'maxBodyBytes'> & {
    scopes?: readonly string[];
    schemas?: Parameters<typeof validation>[0];
  },
  dependencies: () => HttpDependencies,
) {
  const stack = middy<APIGatewayProxyEventV2, unknown, Error, Context, HttpState>({ timeoutEarlyInMillis: 0 })
    .use(requestContext(correlationFromHeader))
    .use(accessLog(dependencies))
    .use(cors(() => dependencies().cors))
    .use(problemResponses({ mapError: options.mapError, logger: () => dependencies().logger }));
  if (options.scopes === undefined) return stack;
  return stack
    .use(authentication(() => dependencies().verifier, options.scopes))
    .use(bodyLimit(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES))
    .use(jsonContentType())
    .use(jsonBody())
    .use(validation(options.schemas ?? {}));
}

/**
 * The one way to write an HTTP handler: {@link httpStack} with the route's schemas and scopes,
 * then `handle`, which gets the validated, typed request and returns an {@link HttpResult}.
 *
 * @example
 * import * as zod from 'zod/mini';
 * import { ok } from './responses';
 *
 * declare const products: { get(tenantId: string, sku: string): Promise<unknown> };
 * export const handler = httpHandler(
 *   { scopes: ['catalog:read'], path: zod.object({ sku: zod.string() }) },
 *   async ({ path, principal }) => ok(await products.get(principal.tenantId, path.sku)),
 * );
 */
export function httpHandler<
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
  H extends Schema = undefined,
>(
  options: HttpHandlerOptions<B, Q, P, H>,
  handle: (request: HttpRequest<Output<B>, Output<Q>, Output<P>, Output<H>>) => Promise<HttpResult>,
): ApiHandler {
  const dependencies = dependencyResolver(options.dependencies);
  type Request = HttpRequest<Output<B>, Output<Q>, Output<P>, Output<H>>;
  const stack = httpStack({ ...options, scopes: options.scopes, schemas: options }, dependencies)
    // Last before the route: its validated request, on the context the route receives.
    .before((request) => {
      const state = request.internal;
      if (!state.principal) throw new Error('authentication did not run');
      (request.context as RouteContext<Output<B>, Output<Q>, Output<P>, Output<H>>).request = {
        body: state.body as Output<B>,
        query: state.query as Output<Q>,
        path: state.path as Output<P>,
        parsedHeaders: state.parsedHeaders as Output<H>,
        headers: state.headers,
        ifMatch: parseIfMatch(state.headers['if-match']),
        principal: state.principal,
        correlationId: state.correlationId,
        logger: dependencies().logger,
        event: request.event,
        context: request.context,
      } satisfies Request;
    })
    .handler(async (_event: APIGatewayProxyEventV2, context: Context) => {
      const request = (context as RouteContext<Output<B>, Output<Q>, Output<P>, Output<H>>).request;
      if (!request) throw new Error('the route ran without its request');
      return handle(request);
    });
  return stack as unknown as ApiHandler;
}
