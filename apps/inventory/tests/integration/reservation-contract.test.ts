import { describeReservationContract } from '@platform/contracts/testing';
import { caller, confirmHold, internal, ordersToken, useInventoryTable } from '../support/inventory-api';

// The reservation protocol on the real handlers and DynamoDB Local: what orders' stand-in must match.
useInventoryTable();

describeReservationContract('inventory, its real handlers on DynamoDB Local', () => ({
  reserve: (payload) => internal.reserve(payload),
  release: (payload) => internal.release(payload),
  token: (tenant) => ordersToken(tenant),
  confirm: (tenant, orderId) => confirmHold(tenant, orderId),
  setStock: async (tenant, sku, available) => {
    const reply = await (await caller(tenant)).put(sku, { available });
    if (reply.status !== 200) throw new Error(`PUT stock answered ${reply.status}`);
  },
  stockOf: async (tenant, sku) => {
    const reply = await (await caller(tenant)).get(sku);
    return reply.status === 200 ? (reply.body as { available: number; reserved: number }) : undefined;
  },
}));
