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
  confirmHoldEntry,
  holdKey,
  holdPartition,
  OPEN_HOLD,
  OPEN_HOLDS_INDEX,
  reopenHoldEntry,
  RESERVATION_SCOPES,
} from '../src';

// zod/mini carries no messages; the platform's stacks load zod's English ones (@platform/http), as here.
beforeAll(() => z.config(z.locales.en()));

describe('Sku', () => {
  it('accepts docs/api.md skus and refuses the rest, saying the pattern', () => {
    expect(Sku.parse('PEN-1')).toBe('PEN-1');
    for (const bad of ['pen-1', '-PEN', '', 'A'.repeat(65), 'PEN_1'])
      expect(Sku.safeParse(bad).success).toBe(false);
    expect(Sku.safeParse('pen').error?.issues[0]?.message).toBe(`must match ${SKU_PATTERN.source}`);
  });
});

describe('the reservation payloads and answers', () => {
  it('take every line once, 1..50 of them, 1..1000 units each', () => {
    const order = { token: 'jwt', orderId: 'o-1', attempt: 1, holdUntil: 2 };
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

  it('release an order by token, order id and attempt alone (no tenant in the payload), and lines are a sku and a whole quantity', () => {
    const release = { token: 'jwt', orderId: 'o-1', attempt: 1 };
    expect(ReleaseRequest.safeParse({ ...release, correlationId: 'c-12345678' }).success).toBe(true);
    expect(ReleaseRequest.safeParse({ ...release, orderId: 'o 1' }).success).toBe(false);
    expect(ReleaseRequest.safeParse({ ...release, lines: [] }).success).toBe(false);
    expect(ReleaseRequest.safeParse({ ...release, tenantId: 't' }).success).toBe(false);
    expect(ReleaseRequest.safeParse({ orderId: 'o-1', attempt: 1 }).success).toBe(false);
    expect(StockLine.safeParse({ sku: 'A', qty: 1.5 }).error?.issues[0]?.message).toBe(
      'Invalid input: expected int, received number',
    );
    expect(
      StockLines.safeParse(Array.from({ length: 51 }, (_, i) => ({ sku: `S${i}`, qty: 1 }))).success,
    ).toBe(false);
  });
});

describe('the hold entries orders writes in its own transactions', () => {
  const at = new Date('2026-12-08T10:00:00.000Z');

  it("key a hold by the tenant's reservation partition and the order", () => {
    expect(holdKey('acme', 'O-1')).toEqual({ pk: 'T#acme#RESERVATION', sk: 'ORDER#O-1' });
    expect(() => holdKey('ac#me', 'O-1')).toThrow();
    expect(holdPartition('acme')).toBe('T#acme#RESERVATION');
  });

  it("name the sparse index of open holds, whose one partition is every HELD hold, and the callers' scope", () => {
    expect([OPEN_HOLDS_INDEX, OPEN_HOLD]).toEqual(['open-holds', 'HELD']);
    expect(RESERVATION_SCOPES).toEqual(['orders:write']);
  });

  it('confirm only a HELD hold, taking it out of the open-holds index', () => {
    const entry = confirmHoldEntry('inventory-dev', 'acme', 'O-1', at).Update;
    expect(entry).toMatchObject({
      TableName: 'inventory-dev',
      Key: { pk: 'T#acme#RESERVATION', sk: 'ORDER#O-1' },
      ConditionExpression: '#status = :held',
      ExpressionAttributeValues: { ':held': 'HELD', ':confirmed': 'CONFIRMED', ':at': at.toISOString() },
    });
    expect(entry?.UpdateExpression).toContain('REMOVE openHold');
  });

  it('reopen only a CONFIRMED hold, as HELD, open and already expired at the cancel time', () => {
    const entry = reopenHoldEntry('inventory-dev', 'acme', 'O-1', at).Update;
    expect(entry).toMatchObject({
      ConditionExpression: '#status = :confirmed',
      ExpressionAttributeValues: { ':held': 'HELD', ':at': at.getTime(), ':open': 'HELD' },
    });
    expect(entry?.UpdateExpression).toBe(
      'SET #status = :held, attempt = :at, holdUntil = :at, openHold = :open',
    );
  });
});
