import { ReleaseAnswer, ReservationAnswer, ReserveRequest, Sku, SKU_PATTERN } from '../src';

describe('Sku', () => {
  it('accepts API.md skus and refuses the rest, saying the pattern', () => {
    expect(Sku.parse('PEN-1')).toBe('PEN-1');
    for (const bad of ['pen-1', '-PEN', '', 'A'.repeat(65), 'PEN_1'])
      expect(Sku.safeParse(bad).success).toBe(false);
    expect(Sku.safeParse('pen').error?.issues[0]?.message).toBe(`must match ${SKU_PATTERN.source}`);
  });
});

describe('the reservation payloads and answers', () => {
  it('take every line once, 1..50 of them, 1..1000 units each', () => {
    const order = { tenantId: 't', orderId: 'o-1' };
    expect(ReserveRequest.safeParse({ ...order, lines: [{ sku: 'A', qty: 1 }] }).success).toBe(true);
    expect(ReserveRequest.safeParse({ ...order, lines: [] }).success).toBe(false);
    expect(ReserveRequest.safeParse({ ...order, lines: [{ sku: 'A', qty: 1001 }] }).success).toBe(false);
    expect(
      ReserveRequest.safeParse({
        ...order,
        lines: [
          { sku: 'A', qty: 1 },
          { sku: 'A', qty: 2 },
        ],
      }).error?.issues[0]?.message,
    ).toBe('skus must be unique');
    expect(ReserveRequest.safeParse({ ...order, lines: [{ sku: 'A', qty: 1 }], extra: 1 }).success).toBe(
      false,
    );
  });

  it('read back only the answers the protocol defines', () => {
    expect(ReservationAnswer.safeParse({ status: 'RESERVED' }).success).toBe(true);
    expect(ReservationAnswer.safeParse({ status: 'REJECTED', reason: 'UNKNOWN_SKU', sku: 'A' }).success).toBe(
      true,
    );
    expect(ReservationAnswer.safeParse({ status: 'REJECTED', reason: 'OTHER', sku: 'A' }).success).toBe(
      false,
    );
    expect(ReleaseAnswer.safeParse({ status: 'ALREADY_RELEASED' }).success).toBe(true);
    expect(ReleaseAnswer.safeParse({ status: 'GONE' }).success).toBe(false);
  });
});
