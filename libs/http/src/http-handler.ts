import middy from '@middy/core';
import { authConfigFromEnv, createJwtVerifier, type JwtVerifier, type Principal } from '@platform/auth';
import {
  getLogger,
  getMetrics,
  getRequestContext,
  type Logger,
  markInvocation,
  type PlatformMetrics,
  resolveCorrelationId,
  runWithRequestContext,
} from '@platform/observability';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { type CorsOptions, corsFromEnv, corsHeaders } from './cors';
import type { HttpError } from './errors';
import { type IfMatch, parseIfMatch } from './if-match';
import { authentication } from './middleware/authentication';
import { bodyLimit, DEFAULT_MAX_BODY_BYTES } from './middleware/body-limit';
import { jsonBody } from './middleware/json-body';
import { jsonContentType } from './middleware/json-content-type';
import { validation } from './middleware/validation';
import { internalError, problemResponse, toHttpError } from './problem';
import { attachState, normaliseHeaders, stateOf } from './request-state';
import { type HttpResult, toApiGatewayResult } from './responses';

/** What the stack needs from outside; every part has a default built from the environment. */
export interface HttpDependencies {
  verifier: JwtVerifier;
  logger: Logger;
  metrics: PlatformMetrics;
  cors: CorsOptions;
}

type Schema = z.ZodType | undefined;
type Output<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

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
function defaultVerifier(): JwtVerifier {
  sharedVerifier ??= createJwtVerifier(authConfigFromEnv());
  return sharedVerifier;
}

/** Resolves the dependencies of one handler: given ones first, defaults built on first use. */
function dependencyResolver(given: Partial<HttpDependencies> | undefined): () => HttpDependencies {
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

/** Runs `fn` inside a request context (correlation id, request id, cold start) for every log line. */
export function withRequestContext<T>(
  correlationCandidate: unknown,
  context: Partial<Pick<Context, 'awsRequestId' | 'functionName'>>,
  fn: (correlationId: string, coldStart: boolean) => Promise<T>,
): Promise<T> {
  const correlationId = resolveCorrelationId(correlationCandidate);
  const coldStart = markInvocation();
  const traceId = process.env['_X_AMZN_TRACE_ID'];
  return runWithRequestContext(
    {
      correlationId,
      coldStart,
      ...(context.awsRequestId ? { requestId: context.awsRequestId } : {}),
      ...(context.functionName ? { functionName: context.functionName } : {}),
      ...(traceId ? { traceId } : {}),
    },
    () => fn(correlationId, coldStart),
  );
}

function logOutcome(logger: Logger, error: unknown, httpError: HttpError | undefined): void {
  if (!httpError) {
    logger.error({ err: error }, 'unhandled error: answered 500');
  } else if (httpError.status >= 500) {
    logger.error({ err: error, problem: httpError.type }, httpError.detail);
  } else {
    logger.info({ problem: httpError.type, detail: httpError.detail }, 'request rejected');
  }
}

/**
 * The one way to write an HTTP handler. The stack, in order: correlation id (accepted when it
 * matches `^[A-Za-z0-9._-]{8,128}$`, else generated; echoed), access log + metrics, error mapping
 * to RFC 9457 problem+json, body size (413), content type (415), JSON parse (400), validation
 * (422 with `errors[]`), authentication and scopes (401/403), then `handle`. Anything thrown that
 * is not meant for the client becomes a bare 500 "internal error"; the full error is logged.
 *
 * @example
 * export const handler = httpHandler(
 *   { scopes: ['catalog:read'], path: z.object({ sku: Sku }) },
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
  const stack = middy<APIGatewayProxyEventV2, HttpResult>({ timeoutEarlyInMillis: 0 })
    .use(bodyLimit(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES))
    .use(jsonContentType())
    .use(jsonBody())
    .use(validation(options))
    .use(authentication(() => dependencies().verifier, options.scopes))
    .handler(async (event: APIGatewayProxyEventV2, context: Context) => {
      const state = stateOf(event);
      if (!state.principal) throw new Error('authentication did not run');
      return handle({
        body: state.body as Output<B>,
        query: state.query as Output<Q>,
        path: state.path as Output<P>,
        parsedHeaders: state.parsedHeaders as Output<H>,
        headers: state.headers,
        ifMatch: parseIfMatch(state.headers['if-match']),
        principal: state.principal,
        correlationId: state.correlationId,
        logger: dependencies().logger,
        event,
        context,
      });
    });

  return async (event, context) => {
    const started = performance.now();
    const headers = normaliseHeaders(event.headers);
    return withRequestContext(headers['x-correlation-id'], context, async (correlationId, coldStart) => {
      const { logger, metrics, cors } = dependencies();
      attachState(event, { correlationId, headers });
      let response: APIGatewayProxyStructuredResultV2;
      try {
        response = toApiGatewayResult(await stack(event, context));
      } catch (error) {
        const httpError = options.mapError?.(error) ?? toHttpError(error);
        logOutcome(logger, error, httpError);
        response = problemResponse(httpError ?? internalError(), correlationId);
      }
      response.headers = {
        ...response.headers,
        ...corsHeaders(cors, headers['origin']),
        'x-correlation-id': correlationId,
      };
      const status = response.statusCode ?? 200;
      const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      logger.info(
        { method: event.requestContext?.http?.method, route: event.routeKey, status, durationMs },
        'request completed',
      );
      metrics.recordRequest({ status, latencyMs: durationMs, coldStart });
      metrics.publish();
      return response;
    });
  };
}

/** The correlation id of the request being handled, if any (for downstream calls). */
export function currentCorrelationId(): string | undefined {
  return getRequestContext()?.correlationId;
}
