import { LambdaClient } from '@aws-sdk/client-lambda';
import { captureLogs } from '@platform/observability/testing';
import { createCursorCodec, createDocumentClient } from '@platform/persistence';
import { mintToken } from '@platform/testing';
import { monotonicFactory } from 'ulid';
import { HttpPriceCatalog } from '../../src/clients/catalog-prices';
import { LambdaStockReservations } from '../../src/clients/inventory-reservations';
import { placeOrder } from '../../src/domain/place-order';
import { DynamoOrderStore } from '../../src/store/dynamo-order-store';
import { startCatalog, startInventory } from '../support/stand-ins';

describe('placeOrder compensation', () => {
  const functions = { reserve: 'inventory-test-reserve', release: 'inventory-test-release' };
  let catalog: Awaited<ReturnType<typeof startCatalog>>;
  let inventory: Awaited<ReturnType<typeof startInventory>>;
  beforeAll(async () => {
    catalog = await startCatalog();
    inventory = await startInventory(functions, String(process.env['INVENTORY_TABLE_NAME']));
  });
  afterAll(async () => {
    await catalog.close();
    await inventory.close();
  });

  it('releases the reservation when the order write fails after it, and writes no order', async () => {
    catalog.price('tenant-f', 'PEN-1', 100);
    inventory.set('tenant-f', 'PEN-1', 10);
    const logs = captureLogs({ service: 'orders' });
    const codec = createCursorCodec('c'.repeat(32));
    // The order write fails for real: DynamoDB Local has no such table.
    const orders = new DynamoOrderStore(
      createDocumentClient(),
      'orders-table-that-does-not-exist',
      async () => codec,
      String(process.env['INVENTORY_TABLE_NAME']),
      3600,
    );
    const lambda = new LambdaClient({
      endpoint: inventory.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const deps = {
      catalog: new HttpPriceCatalog(catalog.url, 2000),
      inventory: new LambdaStockReservations(lambda, functions),
      orders,
      now: () => new Date(),
      logger: logs.logger,
      inventoryTimeoutMs: 2000,
    };
    const token = await mintToken({ sub: 'ann', tenant: 'tenant-f', scope: 'orders:write catalog:read' });
    await expect(
      placeOrder(deps, {
        tenantId: 'tenant-f',
        customerId: 'ann',
        lines: [{ sku: 'PEN-1', qty: 4 }],
        token,
        correlationId: 'corr-comp-0001',
        orderId: monotonicFactory()(),
        deadline: Date.now() + 10_000,
      }),
    ).rejects.toThrow();
    expect(inventory.calls.map((c) => c.function)).toEqual([functions.reserve, functions.release]);
    expect(inventory.stockOf('tenant-f', 'PEN-1')).toEqual({ available: 10, reserved: 0 });
    expect(
      logs.lines().some((line) => line['msg'] === 'order write failed after the hold: releasing it'),
    ).toBe(true);
    lambda.destroy();
  });
});
