import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type TestTable, createTestTable } from '@platform/testing';
import {
  InvalidCursorError,
  PersistenceError,
  type Page,
  type QueryPageInput,
  createCursorCodec,
  createDocumentClient,
  queryPage,
  tenantKey,
} from '../src';
import { serviceTableYml } from './support/local-endpoint';

type Product = {
  pk: string;
  sk: string;
  n: number;
  colour: 'red' | 'blue';
  gsi1pk: string;
  gsi1sk: number;
};

const codec = createCursorCodec('query-page-test-secret-of-32-bytes+');
const scope = { tenantId: 'acme', query: 'catalog:products' };
const products = tenantKey('acme', 'PRODUCT');

let table: TestTable;
let client: DynamoDBDocumentClient;

async function seed(items: Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    const batch = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    const output = await client.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: batch } }));
    expect(output.UnprocessedItems?.[table.tableName] ?? []).toHaveLength(0);
  }
}

function product(pk: string, n: number): Product {
  return {
    pk,
    sk: `SKU-${String(n).padStart(3, '0')}`,
    n,
    colour: n % 3 === 0 ? 'red' : 'blue',
    gsi1pk: `${pk}#BY-PRICE`,
    // Prices run opposite to skus, so index order differs from table order.
    gsi1sk: 10_000 - n,
  };
}

/** Follows nextCursor from the first page to the last and returns every page. */
async function allPages(
  input: Omit<QueryPageInput, 'cursor' | 'codec' | 'tableName'>,
): Promise<Page<Product>[]> {
  const pages: Page<Product>[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Product> = await queryPage<Product>(client, {
      ...input,
      tableName: table.tableName,
      codec,
      cursor,
    });
    pages.push(page);
    cursor = page.nextCursor;
    expect(pages.length).toBeLessThan(1_000);
  } while (cursor !== null);
  return pages;
}

const byPartition = (pk: string) => ({ keyCondition: 'pk = :pk', values: { ':pk': pk }, scope });

beforeAll(async () => {
  table = await createTestTable({ serverlessYml: serviceTableYml, prefix: 'query-page' });
  client = createDocumentClient();
  await seed([
    ...Array.from({ length: 250 }, (_, n) => product(products, n)),
    ...Array.from({ length: 21 }, (_, n) => product(tenantKey('acme', 'TWENTY-ONE'), n)),
    ...Array.from({ length: 30 }, (_, n) => product(tenantKey('globex', 'PRODUCT'), n)),
  ]);
});
afterAll(async () => {
  client.destroy();
  await table.drop();
});

describe('queryPage', () => {
  it('pages 250 items by 7: each item exactly once, in order, 7 per page but the last', async () => {
    const pages = await allPages({ ...byPartition(products), limit: 7 });
    expect(pages).toHaveLength(36);
    expect(pages.slice(0, -1).every((page) => page.items.length === 7)).toBe(true);
    expect(pages.at(-1)?.items).toHaveLength(5);
    expect(pages.slice(0, -1).every((page) => typeof page.nextCursor === 'string')).toBe(true);
    expect(pages.flatMap((page) => page.items.map((item) => item.n))).toEqual(
      Array.from({ length: 250 }, (_, n) => n),
    );
  });

  it('ends with nextCursor null, not an empty page, when the items divide evenly into pages', async () => {
    const pages = await allPages({ ...byPartition(tenantKey('acme', 'TWENTY-ONE')), limit: 7 });
    expect(pages.map((page) => page.items.length)).toEqual([7, 7, 7]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
  });

  it('answers an empty partition with no items and no cursor', async () => {
    await expect(
      queryPage(client, {
        ...byPartition(tenantKey('acme', 'NOTHING')),
        tableName: table.tableName,
        limit: 5,
        codec,
      }),
    ).resolves.toEqual({ items: [], nextCursor: null });
  });

  it('returns everything in one page when the limit exceeds the items', async () => {
    const page = await queryPage<Product>(client, {
      ...byPartition(tenantKey('acme', 'TWENTY-ONE')),
      tableName: table.tableName,
      limit: 100,
      codec,
      consistentRead: true,
    });
    expect(page.items).toHaveLength(21);
    expect(page.nextCursor).toBeNull();
  });

  it('pages in descending order with scanIndexForward: false', async () => {
    const pages = await allPages({ ...byPartition(products), limit: 40, scanIndexForward: false });
    expect(pages.flatMap((page) => page.items.map((item) => item.n))).toEqual(
      Array.from({ length: 250 }, (_, n) => 249 - n),
    );
  });

  it('fills every page with exactly limit matching items when a filter drops some', async () => {
    const pages = await allPages({
      ...byPartition(products),
      filter: '#colour = :red',
      names: { '#colour': 'colour' },
      values: { ':pk': products, ':red': 'red' },
      limit: 10,
    });
    const reds = Array.from({ length: 250 }, (_, n) => n).filter((n) => n % 3 === 0);
    expect(pages.map((page) => page.items.length)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 4]);
    expect(pages.flatMap((page) => page.items.map((item) => item.n))).toEqual(reds);
  });

  it('pages a global secondary index in its own key order', async () => {
    const pages = await allPages({
      indexName: 'gsi1',
      keyCondition: 'gsi1pk = :g',
      values: { ':g': `${products}#BY-PRICE` },
      scope: { tenantId: 'acme', query: 'catalog:products-by-price' },
      limit: 9,
    });
    expect(pages.flatMap((page) => page.items.map((item) => item.n))).toEqual(
      Array.from({ length: 250 }, (_, n) => 249 - n),
    );
  });

  describe('with a cursor it did not issue for this scope', () => {
    async function firstCursor(): Promise<string> {
      const page = await queryPage(client, {
        ...byPartition(products),
        tableName: table.tableName,
        limit: 7,
        codec,
      });
      expect(page.nextCursor).toEqual(expect.any(String));
      return page.nextCursor ?? '';
    }

    it('refuses a cursor used by another tenant', async () => {
      const cursor = await firstCursor();
      await expect(
        queryPage(client, {
          ...byPartition(tenantKey('globex', 'PRODUCT')),
          scope: { ...scope, tenantId: 'globex' },
          tableName: table.tableName,
          limit: 7,
          codec,
          cursor,
        }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('refuses a cursor used for another query', async () => {
      const cursor = await firstCursor();
      await expect(
        queryPage(client, {
          ...byPartition(products),
          scope: { ...scope, query: 'catalog:prices' },
          tableName: table.tableName,
          limit: 7,
          codec,
          cursor,
        }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it.each([
      [
        'that is edited in one byte',
        (c: string) => c.slice(0, 10) + (c[10] === 'A' ? 'B' : 'A') + c.slice(11),
      ],
      ['that is empty', () => ''],
      ['that is truncated', (c: string) => c.slice(0, -2)],
      ['that is not base64url', (c: string) => `${c}!`],
    ])('refuses a cursor %s', async (_what, tamper) => {
      const cursor = tamper(await firstCursor());
      await expect(
        queryPage(client, { ...byPartition(products), tableName: table.tableName, limit: 7, codec, cursor }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });

  it.each([0, -3, 2.5])('refuses limit %p', async (limit) => {
    await expect(
      queryPage(client, { ...byPartition(products), tableName: table.tableName, limit, codec }),
    ).rejects.toThrow(PersistenceError);
  });
});
