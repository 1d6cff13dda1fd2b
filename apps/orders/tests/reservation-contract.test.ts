import { confirmHoldEntry } from '@platform/contracts';
import { describeReservationContract } from '@platform/contracts/testing';
import { createDocumentClient, transactWrite } from '@platform/persistence';
import { mintToken } from '@platform/testing';
import { startInventory } from './support/stand-ins';

// The inventory stand-in orders' tests call keeps the contract inventory's real handlers keep
// (apps/inventory/tests/integration/reservation-contract.test.ts runs the same tests there).
const functions = { reserve: 'inventory-test-reserve', release: 'inventory-test-release' };
const tableName = String(process.env['INVENTORY_TABLE_NAME']);
let inventory: Awaited<ReturnType<typeof startInventory>>;
const client = createDocumentClient();

beforeAll(async () => {
  inventory = await startInventory(functions, tableName);
});
afterAll(async () => {
  await inventory.close();
  client.destroy();
});

/** Invokes a stand-in function the way the Lambda Invoke API is called (what LambdaStockReservations sends). */
async function invoke(name: string, payload: unknown): Promise<unknown> {
  const response = await fetch(`${inventory.url}/2015-03-31/functions/${name}/invocations`, {
    method: 'POST',
    body: JSON.stringify(payload),
  });
  return response.json();
}

describeReservationContract('the inventory stand-in of the orders tests', () => ({
  reserve: (payload) => invoke(functions.reserve, payload),
  release: (payload) => invoke(functions.release, payload),
  token: (tenant) => mintToken({ sub: 'ann', tenant, scope: 'orders:write' }),
  confirm: (tenant, orderId) =>
    transactWrite(client, [confirmHoldEntry(tableName, tenant, orderId, new Date())]),
  setStock: async (tenant, sku, available) => {
    inventory.set(tenant, sku, available);
  },
  stockOf: async (tenant, sku) => inventory.stockOf(tenant, sku),
}));
