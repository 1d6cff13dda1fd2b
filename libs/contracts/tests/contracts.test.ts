import * as z from 'zod/mini';
import {
  ReleaseAnswer,
  ReleaseRequest,
  ReservationAnswer,
  ReserveRequest,
  Sku,
  SKU_PATTERN,
  StockLine,
  StockLines,
} from '../src';

// zod/mini carries no messages; the platform's stacks load zod's English ones (@platform/http), as here.
beforeAll(() => z.config(z.locales.en()));

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

  it('release an order by tenant and order id alone, and lines are a sku and a whole quantity', () => {
    expect(
      ReleaseRequest.safeParse({ tenantId: 't', orderId: 'o-1', correlationId: 'c-12345678' }).success,
    ).toBe(true);
    expect(ReleaseRequest.safeParse({ tenantId: 't', orderId: 'o 1' }).success).toBe(false);
    expect(ReleaseRequest.safeParse({ tenantId: 't', orderId: 'o-1', lines: [] }).success).toBe(false);
    expect(StockLine.safeParse({ sku: 'A', qty: 1.5 }).error?.issues[0]?.message).toBe(
      'Invalid input: expected int, received number',
    );
    expect(
      StockLines.safeParse(Array.from({ length: 51 }, (_, i) => ({ sku: `S${i}`, qty: 1 }))).success,
    ).toBe(false);
  });
});
