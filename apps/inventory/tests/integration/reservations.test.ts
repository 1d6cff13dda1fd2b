import { InvalidPayloadError } from '@platform/http';
import { ForbiddenError, UnauthorizedError } from '@platform/auth';
import { caller, confirmHold, internal, ordersToken, useInventoryTable } from '../support/inventory-api';

/** A payload's attempt and expiry that are valid whenever the test runs (for the invalid-payload cases). */
const shape = { attempt: 1_700_000_000_000, holdUntil: 4_000_000_000_000 };

/** A release carries the token and the attempt, not the hold's expiry. */
const releasing = ({
  holdUntil: _holdUntil,
  ...rest
}: {
  token: string;
  attempt: number;
  holdUntil: number;
}) => rest;

describe('inventory internal functions', () => {
  useInventoryTable();
  let keeper: Awaited<ReturnType<typeof caller>>;
  const tenantId = 'tenant-r';
  /** What orders sends besides the order: the customer's token, the attempt, the hold's expiry. */
  let call: { token: string; attempt: number; holdUntil: number };
  let otherTenant: typeof call;
  beforeAll(async () => {
    keeper = await caller(tenantId);
    call = { token: await ordersToken(tenantId), attempt: Date.now(), holdUntil: Date.now() + 600_000 };
    otherTenant = { ...call, token: await ordersToken('tenant-other') };
  });
  const stockOf = async (sku: string) => (await keeper.get(sku)).body;

  describe('reserve', () => {
    it('reserves every line in one transaction', async () => {
      await keeper.put('A-1', { available: 5 });
      await keeper.put('B-1', { available: 5 });
      const answer = await internal.reserve({
        ...call,
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
        ...call,
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
        ...call,
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
        ...otherTenant,
        orderId: 'order-4',
        lines: [{ sku: 'F-1', qty: 1 }],
      });
      expect(answer).toEqual({ status: 'REJECTED', reason: 'UNKNOWN_SKU', sku: 'F-1' });
    });

    it('moves stock once when the same orderId is reserved twice, even concurrently', async () => {
      await keeper.put('G-1', { available: 10 });
      const payload = { ...call, orderId: 'order-5', lines: [{ sku: 'G-1', qty: 3 }] };
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
      const payload = { ...call, orderId: 'order-6', lines: [{ sku: 'H-1', qty: 1 }] };
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
          internal.reserve({ ...call, orderId: `hot-${i}`, lines: [{ sku: 'HOT-1', qty: 1 }] }),
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
      ['no lines', { ...shape, orderId: 'x', lines: [] }],
      [
        'duplicate skus',
        {
          ...shape,
          orderId: 'x',
          lines: [
            { sku: 'A-1', qty: 1 },
            { sku: 'A-1', qty: 1 },
          ],
        },
      ],
      ['qty 0', { ...shape, orderId: 'x', lines: [{ sku: 'A-1', qty: 0 }] }],
      ['no attempt', { token: 'set below', orderId: 'x', lines: [{ sku: 'A-1', qty: 1 }] }],
      ['unknown field', { ...shape, orderId: 'x', lines: [{ sku: 'A-1', qty: 1 }], extra: 1 }],
    ])('fails an invalid payload (%s) without touching stock', async (_case, payload) => {
      const before = await stockOf('A-1');
      await expect(internal.reserve({ ...payload, token: call.token })).rejects.toThrow(InvalidPayloadError);
      expect(await stockOf('A-1')).toEqual(before);
    });
  });

  describe('release', () => {
    it('returns reserved stock exactly once; repeating it is harmless', async () => {
      await keeper.put('R-1', { available: 4 });
      await internal.reserve({ ...call, orderId: 'rel-1', lines: [{ sku: 'R-1', qty: 3 }] });
      expect(await stockOf('R-1')).toMatchObject({ available: 1, reserved: 3 });
      const answers = await Promise.all([
        internal.release({ ...releasing(call), orderId: 'rel-1' }),
        internal.release({ ...releasing(call), orderId: 'rel-1' }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual(['ALREADY_RELEASED', 'RELEASED']);
      expect(await internal.release({ ...releasing(call), orderId: 'rel-1' })).toEqual({
        status: 'ALREADY_RELEASED',
      });
      expect(await stockOf('R-1')).toMatchObject({ available: 4, reserved: 0 });
    });

    it('answers NOT_RESERVED for an order that reserved nothing, and moves nothing', async () => {
      await keeper.put('R-2', { available: 0 });
      await internal.reserve({ ...call, orderId: 'rel-2', lines: [{ sku: 'R-2', qty: 1 }] });
      expect(await internal.release({ ...releasing(call), orderId: 'rel-2' })).toEqual({
        status: 'NOT_RESERVED',
      });
      expect(await internal.release({ ...releasing(call), orderId: 'never-reserved' })).toEqual({
        status: 'NOT_RESERVED',
      });
      expect(await stockOf('R-2')).toMatchObject({ available: 0, reserved: 0 });
    });

    it('does not release another tenant’s reservation', async () => {
      await keeper.put('R-3', { available: 2 });
      await internal.reserve({ ...call, orderId: 'rel-3', lines: [{ sku: 'R-3', qty: 2 }] });
      expect(await internal.release({ ...releasing(otherTenant), orderId: 'rel-3' })).toEqual({
        status: 'NOT_RESERVED',
      });
      expect(await stockOf('R-3')).toMatchObject({ available: 0, reserved: 2 });
    });
  });

  describe('caller proof', () => {
    it('refuses a payload without a customer token (UnauthorizedError) and holds nothing', async () => {
      await keeper.put('P-1', { available: 3 });
      const { token: _token, ...unsigned } = { ...call, orderId: 'proof-1', lines: [{ sku: 'P-1', qty: 1 }] };
      await expect(internal.reserve(unsigned)).rejects.toThrow(UnauthorizedError);
      await expect(internal.reserve({ ...unsigned, token: 'not-a-jwt' })).rejects.toThrow(UnauthorizedError);
      expect(await stockOf('P-1')).toMatchObject({ available: 3, reserved: 0 });
    });

    it('refuses a token without orders:write (ForbiddenError)', async () => {
      await keeper.put('P-2', { available: 3 });
      const reader = await ordersToken(tenantId, 'orders:read');
      await expect(
        internal.release({ ...releasing(call), token: reader, orderId: 'proof-2' }),
      ).rejects.toThrow(ForbiddenError);
    });

    it('takes the tenant from the token: a tenantId in the payload is refused as an unknown field', async () => {
      await expect(
        internal.release({ ...releasing(call), tenantId: 'tenant-other', orderId: 'proof-3' }),
      ).rejects.toThrow(InvalidPayloadError);
    });
  });

  describe('holds that expire', () => {
    it('sweeps an expired hold: its stock back, the hold closed, a late reserve of it CLOSED', async () => {
      await keeper.put('S-1', { available: 5 });
      const attempt = Date.now();
      const hold = {
        ...call,
        attempt,
        holdUntil: Date.now() + 300,
        orderId: 'sweep-1',
        lines: [{ sku: 'S-1', qty: 2 }],
      };
      expect(await internal.reserve(hold)).toEqual({ status: 'RESERVED' });
      expect(await stockOf('S-1')).toMatchObject({ available: 3, reserved: 2 });
      await new Promise((resolve) => setTimeout(resolve, 400));
      const swept = await internal.sweep();
      expect(swept).toMatchObject({ released: expect.any(Number) });
      expect(swept.released).toBeGreaterThanOrEqual(1);
      expect(await stockOf('S-1')).toMatchObject({ available: 5, reserved: 0 });
      expect(await internal.reserve({ ...hold, holdUntil: Date.now() + 60_000 })).toEqual({
        status: 'CLOSED',
      });
      expect(await internal.release({ ...releasing(call), attempt, orderId: 'sweep-1' })).toEqual({
        status: 'ALREADY_RELEASED',
      });
      expect(await stockOf('S-1')).toMatchObject({ available: 5, reserved: 0 });
    });

    it('leaves a hold alone before it expires, and a confirmed hold for good', async () => {
      await keeper.put('S-2', { available: 5 });
      await internal.reserve({ ...call, orderId: 'sweep-2', lines: [{ sku: 'S-2', qty: 1 }] });
      await internal.reserve({
        ...call,
        holdUntil: Date.now() + 200,
        orderId: 'sweep-3',
        lines: [{ sku: 'S-2', qty: 1 }],
      });
      await confirmHold(tenantId, 'sweep-3');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await internal.sweep();
      expect(await stockOf('S-2')).toMatchObject({ available: 3, reserved: 2 });
    });

    it('releases each expired hold once when two sweeps run at the same time', async () => {
      await keeper.put('S-4', { available: 10 });
      for (const orderId of ['sweep-4a', 'sweep-4b', 'sweep-4c']) {
        await internal.reserve({
          ...call,
          holdUntil: Date.now() + 200,
          orderId,
          lines: [{ sku: 'S-4', qty: 2 }],
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      await Promise.all([internal.sweep(), internal.sweep()]);
      expect(await stockOf('S-4')).toMatchObject({ available: 10, reserved: 0 });
    });

    it('keeps available + held + sold equal to the stock put through reserve, confirm, release and sweep', async () => {
      await keeper.put('S-5', { available: 20 });
      const hold = (orderId: string, qty: number, ms = 600_000) =>
        internal.reserve({ ...call, holdUntil: Date.now() + ms, orderId, lines: [{ sku: 'S-5', qty }] });
      await hold('inv-sold', 4);
      await confirmHold(tenantId, 'inv-sold');
      await hold('inv-released', 3);
      await internal.release({ ...releasing(call), orderId: 'inv-released' });
      await hold('inv-expired', 5, 200);
      await hold('inv-held', 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await internal.sweep();
      // sold 4 + held 2 = reserved; the released and the expired holds are back in available
      expect(await stockOf('S-5')).toMatchObject({ available: 14, reserved: 6 });
    });
  });
});
