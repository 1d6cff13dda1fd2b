import { defineRoute } from '@platform/http';
import * as z from 'zod/mini';
import { ordersProblem } from './problems';
import { IdempotencyHeaders, ListQuery, Order, OrderList, OrderPath, PlaceOrderBody } from './schemas';

const health = defineRoute({
  routeKey: 'GET /orders/health',
  summary: 'Health: 200 when the table answers, else 503',
  scopes: [],
  public: true,
  responses: { 200: { description: 'The table answers', schema: z.object({ status: z.literal('ok') }) } },
  problems: [503],
});

export const placeOrder = defineRoute({
  routeKey: 'POST /orders',
  summary: 'Place an order (idempotent per Idempotency-Key)',
  scopes: ['orders:write'],
  headers: IdempotencyHeaders,
  body: PlaceOrderBody,
  mapError: ordersProblem,
  responses: {
    201: {
      description: 'The order (also on a replay of the same key and body)',
      schema: Order,
      headers: ['Location'],
    },
  },
  problems: [400, 409, 413, 415, 422, 503],
});

export const getOrder = defineRoute({
  routeKey: 'GET /orders/{orderId}',
  summary: "Read one of the caller's orders",
  scopes: ['orders:read'],
  path: OrderPath,
  mapError: ordersProblem,
  responses: { 200: { description: 'The order', schema: Order } },
  problems: [404],
});

export const listOrders = defineRoute({
  routeKey: 'GET /orders',
  summary: "List the caller's orders, newest first",
  scopes: ['orders:read'],
  query: ListQuery,
  mapError: ordersProblem,
  responses: { 200: { description: 'A page of orders', schema: OrderList } },
  problems: [400, 422],
});

export const cancelOrder = defineRoute({
  routeKey: 'POST /orders/{orderId}/cancel',
  summary: 'Cancel an order and release its stock',
  scopes: ['orders:write'],
  path: OrderPath,
  mapError: ordersProblem,
  responses: { 200: { description: 'The cancelled order', schema: Order } },
  problems: [404, 409, 503],
});

export const routes = [health, placeOrder, getOrder, listOrders, cancelOrder];
