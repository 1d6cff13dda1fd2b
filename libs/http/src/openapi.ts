import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import type { HttpHandlerOptions } from './http-handler';

type Schema = core.$ZodType | undefined;
type Method = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';

/** One documented response of a route. */
interface RouteResponse {
  description: string;
  /** The JSON body's schema (problem+json responses use the shared Problem schema). */
  schema?: core.$ZodType;
  /** Response headers worth documenting (`ETag`, `Location`, `Retry-After`). */
  headers?: readonly string[];
}

/**
 * A route: its HTTP handler options (scopes and schemas) plus what the OpenAPI document needs.
 * The same object configures the handler and documents it, so the contract cannot drift.
 */
export interface ApiRoute<
  B extends Schema = Schema,
  Q extends Schema = Schema,
  P extends Schema = Schema,
  H extends Schema = Schema,
> extends HttpHandlerOptions<B, Q, P, H> {
  routeKey: `${Method} /${string}`;
  summary: string;
  /** Success responses by status. */
  responses: Record<number, RouteResponse>;
  /** Problem statuses this route can answer (400, 404, 409, ...); 401, 403, 500 are added for every authenticated route. */
  problems?: readonly number[];
  /** A route without a token (health). */
  public?: boolean;
}

/**
 * Declares a route with full type inference for its handler.
 *
 * @example
 * declare const Product: z.ZodMiniType; // the product's zod schema
 * export const getProduct = defineRoute({
 *   routeKey: 'GET /catalog/products/{sku}', summary: 'Read a product', scopes: ['catalog:read'],
 *   path: z.object({ sku: z.string() }), responses: { 200: { description: 'The product', schema: Product } }, problems: [404],
 * });
 */
export function defineRoute<
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
  H extends Schema = undefined,
>(route: ApiRoute<B, Q, P, H>): ApiRoute<B, Q, P, H> {
  return route;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Malformed JSON or a bad cursor',
  401: 'Missing or invalid token',
  403: 'Missing scope',
  404: 'Not found (also for another tenant or customer)',
  409: 'Conflict',
  412: 'If-Match does not match the current version',
  413: 'Body over 64 KiB',
  415: 'Body is not JSON',
  422: 'Schema violation',
  429: 'Throttled',
  500: 'Internal error',
  503: 'A dependency is unavailable',
};

/**
 * The JSON Schema of an RFC 9457 problem as this platform answers it. Open to extension members
 * (RFC 9457 §3.2), and the ones the services send are part of the contract, so they are listed.
 */
const ProblemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: z.string(),
  instance: z.string(),
  errors: z.optional(
    z
      .array(z.object({ path: z.string(), message: z.string() }))
      .check(z.describe('422 validation-error: each field at fault and what is wrong with it')),
  ),
  sku: z.optional(z.string().check(z.describe('409 insufficient-stock: the sku there is not enough of'))),
});

function jsonSchema(schema: core.$ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function parameters(location: 'path' | 'query' | 'header', schema: Schema): Array<Record<string, unknown>> {
  if (!schema) return [];
  const document = jsonSchema(schema, 'input') as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(document.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (document.required ?? []).includes(name),
    schema: property,
  }));
}

/**
 * Builds the OpenAPI 3.1 document of a service from its routes.
 *
 * @example
 * declare const getProduct: ApiRoute, putProduct: ApiRoute; // each made with defineRoute
 * const document = openApiDocument({ title: 'catalog', version: '1.0.0' }, [getProduct, putProduct]);
 */
export function openApiDocument(
  info: { title: string; version: string; description?: string },
  routes: readonly ApiRoute[],
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const [method = 'GET', path = '/'] = route.routeKey.split(' ');
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.headers?.length
          ? { headers: Object.fromEntries(response.headers.map((h) => [h, { schema: { type: 'string' } }])) }
          : {}),
        ...(response.schema
          ? { content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } } }
          : {}),
      };
    }
    const problems = new Set(route.problems ?? []);
    if (!route.public) [401, 403, 500].forEach((status) => problems.add(status));
    for (const status of [...problems].sort()) {
      responses[String(status)] = {
        description: STATUS_TEXT[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      summary: route.summary,
      ...(route.public ? { security: [] } : { security: [{ bearer: [...route.scopes] }] }),
      parameters: [
        ...parameters('path', route.path),
        ...parameters('query', route.query),
        ...parameters('header', route.headers),
      ],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: jsonSchema(ProblemSchema, 'output') },
    },
  };
}
