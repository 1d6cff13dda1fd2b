import { CORRELATION_ID_PATTERN } from '@platform/observability';
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
  /** Response headers this response always carries besides `x-correlation-id` (which every response carries). */
  headers?: readonly DocumentedHeader[];
}

/** The response headers a route can document, with what they hold. */
const HEADERS = {
  ETag: {
    description: 'The version of the item, quoted: `"<version>"`',
    schema: { type: 'string', pattern: '^"[1-9][0-9]*"$' },
  },
  Location: { description: 'The path of the item created', schema: { type: 'string', pattern: '^/' } },
} as const;

type DocumentedHeader = keyof typeof HEADERS;

/** Carried by every response (docs/api.md): the correlation id sent, or a new one when none or a bad one was sent. */
function correlationIdHeader(): Record<string, unknown> {
  return {
    description: 'The correlation id: the one the request sent when acceptable, else a new one',
    required: true,
    schema: { type: 'string', pattern: CORRELATION_ID_PATTERN.source },
  };
}

/** A documented header as its own object (the YAML written from it then holds no aliases). */
function documentedHeader(name: DocumentedHeader): Record<string, unknown> {
  const { description, schema } = HEADERS[name];
  return { description, required: true, schema: { ...schema } };
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
  /**
   * Problem statuses this route can answer (400, 404, 409, ...); 401, 403, 500 are added for every
   * authenticated route. Statuses from 500 up are faults, not answers to a request: they are
   * documented together as the range `5XX`.
   */
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

/** The `5XX` range: what a fault answers (the statuses listed are those the route's code can send). */
function faultDescription(statuses: readonly number[]): string {
  const listed = statuses.map((status) => `${status} ${STATUS_TEXT[status] ?? 'Problem'}`.toLowerCase());
  return `A fault, not an answer to the request: ${listed.join('; ')}`;
}

function problemResponse(description: string): Record<string, unknown> {
  return {
    description,
    headers: { 'x-correlation-id': correlationIdHeader() },
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

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

/** An operationId from the route key: `GET /catalog/products/{sku}` → `getCatalogProductsBySku`. */
function operationId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const name = segment.replace(/^\{(.+)\}$/, 'by-$1');
      return name
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join('');
    });
  return `${method.toLowerCase()}${words.join('')}`;
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
        headers: {
          'x-correlation-id': correlationIdHeader(),
          ...Object.fromEntries((response.headers ?? []).map((name) => [name, documentedHeader(name)])),
        },
        ...(response.schema
          ? { content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } } }
          : {}),
      };
    }
    const problems = new Set(route.problems ?? []);
    if (!route.public) [401, 403, 500].forEach((status) => problems.add(status));
    const sorted = [...problems].sort((a, b) => a - b);
    for (const status of sorted.filter((code) => code < 500)) {
      responses[String(status)] = problemResponse(STATUS_TEXT[status] ?? 'Problem');
    }
    const faults = sorted.filter((code) => code >= 500);
    if (faults.length > 0) responses['5XX'] = problemResponse(faultDescription(faults));
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      operationId: operationId(method, path),
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
