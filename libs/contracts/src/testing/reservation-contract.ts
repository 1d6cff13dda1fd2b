import { randomUUID } from 'node:crypto';
import { ReleaseAnswer, ReservationAnswer } from '../reservations';

/** What the reservation contract is checked through: an implementation of it, and its stock. */
export interface ReservationSubject {
  /** Invokes `reserve` with this payload and gives its answer (what the function returns). */
  reserve(payload: unknown): Promise<unknown>;
  /** Invokes `release` with this payload and gives its answer. */
  release(payload: unknown): Promise<unknown>;
  /** A customer token of `tenant` holding `orders:write`, as orders forwards it. */
  token(tenant: string): Promise<string>;
  /** Confirms the order's hold the way orders does when it writes the order (`confirmHoldEntry`). */
  confirm(tenant: string, orderId: string): Promise<void>;
  /** Makes `available` units of `sku` reservable for `tenant` (none reserved). */
  setStock(tenant: string, sku: string, available: number): Promise<void>;
  /** What the implementation holds for the sku, or `undefined` when it has none. */
  stockOf(tenant: string, sku: string): Promise<{ available: number; reserved: number } | undefined>;
}

/**
 * Declares the tests (jest) of inventory's reservation protocol (ADR-011) against `subject`:
 * inventory's tests run them on the real handlers and DynamoDB Local, orders' tests on the
 * stand-in they call, so the stand-in is proven to keep the same contract.
 *
 * @example
 * declare const subject: ReservationSubject; // e.g. the real handlers on DynamoDB Local
 * describeReservationContract('inventory (real handlers)', () => subject);
 */
export function describeReservationContract(name: string, subject: () => ReservationSubject): void {
  describe(`the reservation contract: ${name}`, () => {
    const tenant = `contract-${randomUUID().slice(0, 8)}`;
    let n = 0;
    let token = '';
    beforeAll(async () => {
      token = await subject().token(tenant);
    });
    const fresh = (): { sku: (label: string) => string; orderId: string; attempt: number } => {
      n += 1;
      return {
        sku: (label) => `C${n}-${label}`,
        orderId: `order-${n}-${randomUUID().slice(0, 8)}`,
        attempt: Date.now(),
      };
    };
    const holdUntil = () => Date.now() + 60_000;
    const reserve = async (payload: object) =>
      ReservationAnswer.parse(await subject().reserve({ token, holdUntil: holdUntil(), ...payload }));
    const release = async (payload: object) =>
      ReleaseAnswer.parse(await subject().release({ token, ...payload }));

    it('holds every line in one go and moves the stock from available to reserved', async () => {
      const { sku, orderId, attempt } = fresh();
      await subject().setStock(tenant, sku('A'), 5);
      await subject().setStock(tenant, sku('B'), 3);
      const lines = [
        { sku: sku('A'), qty: 2 },
        { sku: sku('B'), qty: 3 },
      ];
      expect(await reserve({ orderId, attempt, lines })).toEqual({ status: 'RESERVED' });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 3, reserved: 2 });
      expect(await subject().stockOf(tenant, sku('B'))).toMatchObject({ available: 0, reserved: 3 });
    });

    it('holds nothing when one line cannot be met, naming that sku', async () => {
      const { sku, orderId, attempt } = fresh();
      await subject().setStock(tenant, sku('A'), 5);
      await subject().setStock(tenant, sku('B'), 1);
      const lines = [
        { sku: sku('A'), qty: 2 },
        { sku: sku('B'), qty: 2 },
      ];
      const answer = await reserve({ orderId, attempt, lines });
      expect(answer).toEqual({ status: 'REJECTED', reason: 'INSUFFICIENT_STOCK', sku: sku('B') });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 5, reserved: 0 });
    });

    it('rejects a sku the tenant has no stock of as UNKNOWN_SKU', async () => {
      const { sku, orderId, attempt } = fresh();
      expect(await reserve({ orderId, attempt, lines: [{ sku: sku('NONE'), qty: 1 }] })).toEqual({
        status: 'REJECTED',
        reason: 'UNKNOWN_SKU',
        sku: sku('NONE'),
      });
    });

    it('answers a repeat, and a later attempt of the same order, with the same hold: stock moves once', async () => {
      const { sku, orderId, attempt } = fresh();
      await subject().setStock(tenant, sku('A'), 4);
      const payload = { orderId, attempt, lines: [{ sku: sku('A'), qty: 3 }] };
      expect(await reserve(payload)).toEqual({ status: 'RESERVED' });
      expect(await reserve(payload)).toEqual({ status: 'RESERVED' });
      expect(await reserve({ ...payload, attempt: attempt + 1000 })).toEqual({ status: 'RESERVED' });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 1, reserved: 3 });
    });

    it("gives an order's stock back exactly once; releasing again, or an unknown order, is harmless", async () => {
      const { sku, orderId, attempt } = fresh();
      await subject().setStock(tenant, sku('A'), 4);
      await reserve({ orderId, attempt, lines: [{ sku: sku('A'), qty: 3 }] });
      expect(await release({ orderId, attempt })).toEqual({ status: 'RELEASED' });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 4, reserved: 0 });
      expect(await release({ orderId, attempt })).toEqual({ status: 'ALREADY_RELEASED' });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 4, reserved: 0 });
      expect(await release({ orderId: `never-${orderId}`, attempt })).toEqual({ status: 'NOT_RESERVED' });
    });

    it('refuses a reserve that arrives after the release of its attempt (CLOSED), and a later attempt holds again', async () => {
      const { sku, orderId, attempt } = fresh();
      await subject().setStock(tenant, sku('A'), 4);
      expect(await release({ orderId, attempt })).toEqual({ status: 'NOT_RESERVED' });
      const late = { orderId, attempt, lines: [{ sku: sku('A'), qty: 2 }] };
      expect(await reserve(late)).toEqual({ status: 'CLOSED' });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 4, reserved: 0 });
      expect(await reserve({ ...late, attempt: attempt + 1 })).toEqual({ status: 'RESERVED' });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 2, reserved: 2 });
    });

    it('holds nothing for an attempt whose holdUntil has passed (CLOSED)', async () => {
      const { sku, orderId, attempt } = fresh();
      await subject().setStock(tenant, sku('A'), 4);
      const answer = ReservationAnswer.parse(
        await subject().reserve({
          token,
          orderId,
          attempt,
          holdUntil: Date.now() - 1,
          lines: [{ sku: sku('A'), qty: 1 }],
        }),
      );
      expect(answer).toEqual({ status: 'CLOSED' });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 4, reserved: 0 });
    });

    it('never gives back the stock of a confirmed hold: release answers CONFIRMED', async () => {
      const { sku, orderId, attempt } = fresh();
      await subject().setStock(tenant, sku('A'), 4);
      await reserve({ orderId, attempt, lines: [{ sku: sku('A'), qty: 3 }] });
      await subject().confirm(tenant, orderId);
      expect(await release({ orderId, attempt })).toEqual({ status: 'CONFIRMED' });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 1, reserved: 3 });
      expect(await reserve({ orderId, attempt: attempt + 1, lines: [{ sku: sku('A'), qty: 3 }] })).toEqual({
        status: 'RESERVED',
      });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 1, reserved: 3 });
    });

    it("keeps tenants apart: another tenant's stock of the same sku is not touched", async () => {
      const { sku, orderId, attempt } = fresh();
      const other = `${tenant}-other`;
      await subject().setStock(tenant, sku('A'), 2);
      await subject().setStock(other, sku('A'), 2);
      await reserve({ orderId, attempt, lines: [{ sku: sku('A'), qty: 2 }] });
      expect(await subject().stockOf(other, sku('A'))).toMatchObject({ available: 2, reserved: 0 });
    });
  });
}
