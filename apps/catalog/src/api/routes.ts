import { defineRoute } from '@platform/http';
import * as z from 'zod/mini';
import { catalogProblem } from './problems';
import { IfMatchHeader, ListQuery, Product, ProductInput, ProductList, SkuPath } from './schemas';

/** `GET /catalog/health` (public; served by healthHandler, documented here). */
const health = defineRoute({
  routeKey: 'GET /catalog/health',
  summary: 'Health: 200 when the table answers, else 503',
  scopes: [],
  public: true,
  responses: { 200: { description: 'The table answers', schema: z.object({ status: z.literal('ok') }) } },
  problems: [503],
});

export const putProduct = defineRoute({
  routeKey: 'PUT /catalog/products/{sku}',
  summary: 'Create (201) or replace (200) a product; a stale If-Match answers 412',
  scopes: ['catalog:write'],
  path: SkuPath,
  headers: IfMatchHeader,
  body: ProductInput,
  mapError: catalogProblem,
  responses: {
    200: { description: 'Replaced', schema: Product, headers: ['ETag'] },
    201: { description: 'Created', schema: Product, headers: ['ETag', 'Location'] },
  },
  problems: [400, 412, 413, 415, 422, 503],
});

export const getProduct = defineRoute({
  routeKey: 'GET /catalog/products/{sku}',
  summary: "Read one of the tenant's products",
  scopes: ['catalog:read'],
  path: SkuPath,
  mapError: catalogProblem,
  responses: { 200: { description: 'The product', schema: Product, headers: ['ETag'] } },
  problems: [404, 422],
});

export const listProducts = defineRoute({
  routeKey: 'GET /catalog/products',
  summary: "List the tenant's products, ordered by sku",
  scopes: ['catalog:read'],
  query: ListQuery,
  mapError: catalogProblem,
  responses: { 200: { description: 'A page of products', schema: ProductList } },
  problems: [400, 422],
});

export const deleteProduct = defineRoute({
  routeKey: 'DELETE /catalog/products/{sku}',
  summary: 'Delete a product (204); a stale If-Match answers 412',
  scopes: ['catalog:write'],
  path: SkuPath,
  headers: IfMatchHeader,
  mapError: catalogProblem,
  responses: { 204: { description: 'Deleted' } },
  problems: [404, 412, 422],
});

/** Every route of the service, in the order of docs/api.md. */
export const routes = [health, putProduct, getProduct, listProducts, deleteProduct];
