import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type TestTable, createTestTable } from '@platform/testing';
import {
  NotFoundError,
  PersistenceError,
  VersionConflictError,
  createDocumentClient,
  deleteIfVersion,
  getItem,
  putIfAbsent,
  putIfVersion,
  tenantKey,
  updateIfVersion,
} from '../src';
import { serviceTableYml } from './support/local-endpoint';

let table: TestTable;
let client: DynamoDBDocumentClient;
let counter = 0;

beforeAll(async () => {
  table = await createTestTable({ serverlessYml: serviceTableYml, prefix: 'versioned' });
  client = createDocumentClient();
});
afterAll(async () => {
  client.destroy();
  await table.drop();
});

/** Creates a fresh product at version 1 and returns its key. */
async function seedProduct(extra: Record<string, unknown> = {}): Promise<{ pk: string; sk: string }> {
  counter += 1;
  const key = { pk: tenantKey('t1', 'PRODUCT'), sk: `SKU-${counter}` };
  await putIfAbsent(client, {
    tableName: table.tableName,
    item: { ...key, name: 'Anvil', price: 100, version: 1, ...extra },
  });
  return key;
}

function read(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  return getItem(client, { tableName: table.tableName, key, consistentRead: true });
}

describe('putIfVersion', () => {
  it('replaces the whole item when the stored version is the expected one', async () => {
    const key = await seedProduct({ colour: 'black' });
    await putIfVersion(client, {
      tableName: table.tableName,
      item: { ...key, name: 'Anvil XL', price: 150, version: 2 },
      expectedVersion: 1,
    });
    await expect(read(key)).resolves.toEqual({ ...key, name: 'Anvil XL', price: 150, version: 2 });
  });

  it('throws VersionConflictError with both versions when another write came first, and writes nothing', async () => {
    const key = await seedProduct();
    await putIfVersion(client, {
      tableName: table.tableName,
      item: { ...key, name: 'B', version: 2 },
      expectedVersion: 1,
    });
    const error = await putIfVersion(client, {
      tableName: table.tableName,
      item: { ...key, name: 'C', version: 2 },
      expectedVersion: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ name: 'VersionConflictError', expectedVersion: 1, actualVersion: 2 });
    await expect(read(key)).resolves.toMatchObject({ name: 'B', version: 2 });
  });

  it('throws NotFoundError, and creates nothing, when there is no item', async () => {
    const key = { pk: tenantKey('t1', 'PRODUCT'), sk: 'never-created' };
    await expect(
      putIfVersion(client, { tableName: table.tableName, item: { ...key, version: 2 }, expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(read(key)).resolves.toBeUndefined();
  });

  it.each([
    [1, 1],
    [1, 3],
  ])(
    'refuses expectedVersion %p with a new version %p (it must be one more)',
    async (expectedVersion, version) => {
      const key = await seedProduct();
      await expect(
        putIfVersion(client, { tableName: table.tableName, item: { ...key, version }, expectedVersion }),
      ).rejects.toThrow(/expectedVersion \+ 1/);
      await expect(read(key)).resolves.toMatchObject({ version: 1 });
    },
  );
});

describe('updateIfVersion', () => {
  it('sets and removes attributes, bumps the version and returns the whole new item', async () => {
    const key = await seedProduct({ colour: 'black', discontinued: true });
    const updated = await updateIfVersion<{ name: string; price: number }>(client, {
      tableName: table.tableName,
      key,
      expectedVersion: 1,
      set: { price: 120, 'display.name': 'Anvil (dotted names are literal)', note: undefined },
      remove: ['discontinued'],
    });
    const expected = {
      ...key,
      name: 'Anvil',
      price: 120,
      colour: 'black',
      'display.name': 'Anvil (dotted names are literal)',
      version: 2,
    };
    expect(updated).toEqual(expected);
    await expect(read(key)).resolves.toEqual(expected);
  });

  it('bumps the version even when nothing else changes', async () => {
    const key = await seedProduct();
    await expect(
      updateIfVersion(client, { tableName: table.tableName, key, expectedVersion: 1 }),
    ).resolves.toMatchObject({
      version: 2,
    });
  });

  it('throws VersionConflictError { expectedVersion, actualVersion } on a stale version', async () => {
    const key = await seedProduct();
    await updateIfVersion(client, { tableName: table.tableName, key, expectedVersion: 1, set: { price: 1 } });
    const error = await updateIfVersion(client, {
      tableName: table.tableName,
      key,
      expectedVersion: 1,
      set: { price: 2 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    expect((error as Error).message).toBe('Version conflict: expected version 1, found 2.');
    await expect(read(key)).resolves.toMatchObject({ price: 1, version: 2 });
  });

  it('throws NotFoundError for a missing item and does not create it', async () => {
    const key = { pk: tenantKey('t1', 'PRODUCT'), sk: 'missing' };
    await expect(
      updateIfVersion(client, { tableName: table.tableName, key, expectedVersion: 1, set: { price: 1 } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(read(key)).resolves.toBeUndefined();
  });

  it('lets exactly one of 20 concurrent updates of one item win; the 19 others get VersionConflictError', async () => {
    const key = await seedProduct();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, writer) =>
        updateIfVersion<{ writer: number }>(client, {
          tableName: table.tableName,
          key,
          expectedVersion: 1,
          set: { writer },
        }),
      ),
    );
    const winners = results.filter((r) => r.status === 'fulfilled');
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(loser.reason).toBeInstanceOf(VersionConflictError);
      expect(loser.reason).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    }
    const winner = (winners[0] as PromiseFulfilledResult<{ writer: number }>).value;
    await expect(read(key)).resolves.toMatchObject({ version: 2, writer: winner.writer });
  });

  it.each([
    ['version', { set: { version: 7 } }],
    ['a key attribute', { set: { sk: 'other' } }],
    ['version, by removing it', { remove: ['version'] }],
  ])('refuses to change %s', async (_what, change) => {
    const key = await seedProduct();
    await expect(
      updateIfVersion(client, { tableName: table.tableName, key, expectedVersion: 1, ...change }),
    ).rejects.toThrow(/the lib manages it/);
  });

  it.each([-1, 1.5, Number.NaN])('refuses expectedVersion %p', async (expectedVersion) => {
    const key = await seedProduct();
    await expect(
      updateIfVersion(client, { tableName: table.tableName, key, expectedVersion }),
    ).rejects.toThrow(PersistenceError);
  });

  it('refuses an empty key', async () => {
    await expect(
      updateIfVersion(client, { tableName: table.tableName, key: {}, expectedVersion: 1 }),
    ).rejects.toThrow(/no attributes/);
  });
});

describe('deleteIfVersion', () => {
  it('deletes the item and returns it as it was', async () => {
    const key = await seedProduct();
    await expect(deleteIfVersion(client, { tableName: table.tableName, key })).resolves.toEqual({
      ...key,
      name: 'Anvil',
      price: 100,
      version: 1,
    });
    await expect(read(key)).resolves.toBeUndefined();
  });

  it('deletes when the stored version is the expected one', async () => {
    const key = await seedProduct();
    await expect(
      deleteIfVersion(client, { tableName: table.tableName, key, expectedVersion: 1 }),
    ).resolves.toMatchObject({ version: 1 });
    await expect(read(key)).resolves.toBeUndefined();
  });

  it('throws VersionConflictError and keeps the item when the version is stale', async () => {
    const key = await seedProduct();
    await expect(
      deleteIfVersion(client, { tableName: table.tableName, key, expectedVersion: 5 }),
    ).rejects.toMatchObject({ name: 'VersionConflictError', expectedVersion: 5, actualVersion: 1 });
    await expect(read(key)).resolves.toMatchObject({ version: 1 });
  });

  it.each([undefined, 1])(
    'throws NotFoundError for a missing item (expectedVersion %p)',
    async (expectedVersion) => {
      const key = { pk: tenantKey('t1', 'PRODUCT'), sk: 'gone' };
      await expect(
        deleteIfVersion(client, { tableName: table.tableName, key, expectedVersion }),
      ).rejects.toBeInstanceOf(NotFoundError);
    },
  );

  it('throws NotFoundError the second time the same item is deleted', async () => {
    const key = await seedProduct();
    await deleteIfVersion(client, { tableName: table.tableName, key });
    await expect(deleteIfVersion(client, { tableName: table.tableName, key })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('refuses an empty key', async () => {
    await expect(deleteIfVersion(client, { tableName: table.tableName, key: {} })).rejects.toThrow(
      /no attributes/,
    );
  });
});
