import { defineRoute } from '@platform/http';
import * as z from 'zod/mini';
import { inventoryProblem } from './problems';
import { SkuPath, Stock, StockInput } from './schemas';

const health = defineRoute({
  routeKey: 'GET /inventory/health',
  summary: 'Health: 200 when the table answers, else 503',
  scopes: [],
  public: true,
  responses: { 200: { description: 'The table answers', schema: z.object({ status: z.literal('ok') }) } },
  problems: [503],
});

export const putStock = defineRoute({
  routeKey: 'PUT /inventory/stock/{sku}',
  summary: 'Set what can be reserved of a sku',
  scopes: ['inventory:write'],
  path: SkuPath,
  body: StockInput,
  mapError: inventoryProblem,
  responses: { 200: { description: 'The stock', schema: Stock } },
  problems: [400, 413, 415, 422],
});

export const getStock = defineRoute({
  routeKey: 'GET /inventory/stock/{sku}',
  summary: "Read one of the tenant's stock entries",
  scopes: ['inventory:read'],
  path: SkuPath,
  mapError: inventoryProblem,
  responses: { 200: { description: 'The stock', schema: Stock } },
  problems: [404, 422],
});

export const routes = [health, putStock, getStock];
