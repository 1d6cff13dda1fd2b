import { describeReservationContract } from '@platform/contracts/testing';
import { startInventory } from './support/stand-ins';

// The inventory stand-in orders' tests call keeps the contract inventory's real handlers keep
// (apps/inventory/tests/integration/reservation-contract.test.ts runs the same tests there).
const functions = { reserve: 'inventory-test-reserve', release: 'inventory-test-release' };
let inventory: Awaited<ReturnType<typeof startInventory>>;

beforeAll(async () => {
  inventory = await startInventory(functions);
});
afterAll(async () => {
  await inventory.close();
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
  setStock: async (tenant, sku, available) => {
    inventory.set(tenant, sku, available);
  },
  stockOf: async (tenant, sku) => inventory.stockOf(tenant, sku),
}));
