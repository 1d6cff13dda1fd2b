import { InvalidPayloadError } from '@platform/http';
import { caller, internal, useInventoryTable } from '../support/inventory-api';

describe('inventory internal functions', () => {
  useInventoryTable();
  let keeper: Awaited<ReturnType<typeof caller>>;
  const tenantId = 'tenant-r';
  beforeAll(async () => {
    keeper = await caller(tenantId);
  });
  const stockOf = async (sku: string) => (await keeper.get(sku)).body;

  describe('reserve', () => {
    it('reserves every line in one transaction', async () => {
      await keeper.put('A-1', { available: 5 });
      await keeper.put('B-1', { available: 5 });
      const answer = await internal.reserve({
        tenantId,
        orderId: 'order-1',
        lines: [
          { sku: 'A-1', qty: 2 },
          { sku: 'B-1', qty: 5 },
        ],
        correlationId: 'corr-orders-0001',
      });
      expect(answer).toEqual({ status: 'RESERVED' });
      expect(await stockOf('A-1')).toMatchObject({ available: 3, reserved: 2 });
      expect(await stockOf('B-1')).toMatchObject({ available: 0, reserved: 5 });
    });

    it('reserves nothing when one line is short, and names that sku', async () => {
      await keeper.put('C-1', { available: 5 });
      await keeper.put('D-1', { available: 1 });
      const answer = await internal.reserve({
        tenantId,
        orderId: 'order-2',
        lines: [
          { sku: 'C-1', qty: 2 },
          { sku: 'D-1', qty: 2 },
        ],
      });
      expect(answer).toEqual({ status: 'REJECTED', reason: 'INSUFFICIENT_STOCK', sku: 'D-1' });
      expect(await stockOf('C-1')).toMatchObject({ available: 5, reserved: 0 });
      expect(await stockOf('D-1')).toMatchObject({ available: 1, reserved: 0 });
    });

    it('rejects an unknown sku with UNKNOWN_SKU', async () => {
      await keeper.put('E-1', { available: 5 });
      const answer = await internal.reserve({
        tenantId,
        orderId: 'order-3',
        lines: [
          { sku: 'E-1', qty: 1 },
          { sku: 'NOPE-1', qty: 1 },
        ],
      });
      expect(answer).toEqual({ status: 'REJECTED', reason: 'UNKNOWN_SKU', sku: 'NOPE-1' });
      expect(await stockOf('E-1')).toMatchObject({ available: 5, reserved: 0 });
    });

    it("treats another tenant's sku as unknown", async () => {
      await keeper.put('F-1', { available: 5 });
      const answer = await internal.reserve({
        tenantId: 'tenant-other',
        orderId: 'order-4',
        lines: [{ sku: 'F-1', qty: 1 }],
      });
      expect(answer).toEqual({ status: 'REJECTED', reason: 'UNKNOWN_SKU', sku: 'F-1' });
    });

    it('moves stock once when the same orderId is reserved twice, even concurrently', async () => {
      await keeper.put('G-1', { available: 10 });
      const payload = { tenantId, orderId: 'order-5', lines: [{ sku: 'G-1', qty: 3 }] };
      const answers = await Promise.all([
        internal.reserve(payload),
        internal.reserve(payload),
        internal.reserve(payload),
      ]);
      expect(answers).toEqual([{ status: 'RESERVED' }, { status: 'RESERVED' }, { status: 'RESERVED' }]);
      expect(await internal.reserve(payload)).toEqual({ status: 'RESERVED' });
      expect(await stockOf('G-1')).toMatchObject({ available: 7, reserved: 3 });
    });

    it('repeats its first answer: a rejected order stays rejected after stock arrives', async () => {
      await keeper.put('H-1', { available: 0 });
      const payload = { tenantId, orderId: 'order-6', lines: [{ sku: 'H-1', qty: 1 }] };
      expect(await internal.reserve(payload)).toMatchObject({ status: 'REJECTED' });
      await keeper.put('H-1', { available: 10 });
      expect(await internal.reserve(payload)).toEqual({
        status: 'REJECTED',
        reason: 'INSUFFICIENT_STOCK',
        sku: 'H-1',
      });
      expect(await stockOf('H-1')).toMatchObject({ available: 10, reserved: 0 });
    });

    it('lets exactly 20 of 60 concurrent single-unit reservations through against 20 in stock', async () => {
      await keeper.put('HOT-1', { available: 20 });
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          internal.reserve({ tenantId, orderId: `hot-${i}`, lines: [{ sku: 'HOT-1', qty: 1 }] }),
        ),
      );
      expect(answers.filter((a) => a.status === 'RESERVED')).toHaveLength(20);
      expect(answers.filter((a) => a.status === 'REJECTED')).toHaveLength(40);
      for (const rejected of answers.filter((a) => a.status === 'REJECTED')) {
        expect(rejected).toEqual({ status: 'REJECTED', reason: 'INSUFFICIENT_STOCK', sku: 'HOT-1' });
      }
      expect(await stockOf('HOT-1')).toMatchObject({ available: 0, reserved: 20 });
    });

    it.each([
      ['no lines', { tenantId, orderId: 'x', lines: [] }],
      [
        'duplicate skus',
        {
          tenantId,
          orderId: 'x',
          lines: [
            { sku: 'A-1', qty: 1 },
            { sku: 'A-1', qty: 1 },
          ],
        },
      ],
      ['qty 0', { tenantId, orderId: 'x', lines: [{ sku: 'A-1', qty: 0 }] }],
      ['no tenant', { orderId: 'x', lines: [{ sku: 'A-1', qty: 1 }] }],
      ['unknown field', { tenantId, orderId: 'x', lines: [{ sku: 'A-1', qty: 1 }], extra: 1 }],
    ])('fails an invalid payload (%s) without touching stock', async (_case, payload) => {
      const before = await stockOf('A-1');
      await expect(internal.reserve(payload)).rejects.toThrow(InvalidPayloadError);
      expect(await stockOf('A-1')).toEqual(before);
    });
  });

  describe('release', () => {
    it('returns reserved stock exactly once; repeating it is harmless', async () => {
      await keeper.put('R-1', { available: 4 });
      await internal.reserve({ tenantId, orderId: 'rel-1', lines: [{ sku: 'R-1', qty: 3 }] });
      expect(await stockOf('R-1')).toMatchObject({ available: 1, reserved: 3 });
      const answers = await Promise.all([
        internal.release({ tenantId, orderId: 'rel-1' }),
        internal.release({ tenantId, orderId: 'rel-1' }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual(['ALREADY_RELEASED', 'RELEASED']);
      expect(await internal.release({ tenantId, orderId: 'rel-1' })).toEqual({ status: 'ALREADY_RELEASED' });
      expect(await stockOf('R-1')).toMatchObject({ available: 4, reserved: 0 });
    });

    it('answers NOT_RESERVED for an order that reserved nothing, and moves nothing', async () => {
      await keeper.put('R-2', { available: 0 });
      await internal.reserve({ tenantId, orderId: 'rel-2', lines: [{ sku: 'R-2', qty: 1 }] });
      expect(await internal.release({ tenantId, orderId: 'rel-2' })).toEqual({ status: 'NOT_RESERVED' });
      expect(await internal.release({ tenantId, orderId: 'never-reserved' })).toEqual({
        status: 'NOT_RESERVED',
      });
      expect(await stockOf('R-2')).toMatchObject({ available: 0, reserved: 0 });
    });

    it('does not release another tenant’s reservation', async () => {
      await keeper.put('R-3', { available: 2 });
      await internal.reserve({ tenantId, orderId: 'rel-3', lines: [{ sku: 'R-3', qty: 2 }] });
      expect(await internal.release({ tenantId: 'tenant-other', orderId: 'rel-3' })).toEqual({
        status: 'NOT_RESERVED',
      });
      expect(await stockOf('R-3')).toMatchObject({ available: 0, reserved: 2 });
    });
  });
});
