import { randomUUID } from 'node:crypto';
import { ReleaseAnswer, ReservationAnswer } from '../reservations';

/** What the reservation contract is checked through: an implementation of it, and its stock. */
export interface ReservationSubject {
  /** Invokes `reserve` with this payload and gives its answer (what the function returns). */
  reserve(payload: unknown): Promise<unknown>;
  /** Invokes `release` with this payload and gives its answer. */
  release(payload: unknown): Promise<unknown>;
  /** Makes `available` units of `sku` reservable for `tenant` (none reserved). */
  setStock(tenant: string, sku: string, available: number): Promise<void>;
  /** What the implementation holds for the sku, or `undefined` when it has none. */
  stockOf(tenant: string, sku: string): Promise<{ available: number; reserved: number } | undefined>;
}

/**
 * Declares the tests (jest) of inventory's reservation protocol, as API.md states it, against
 * `subject`: inventory's tests run them on the real handlers and DynamoDB Local, orders' tests on
 * the stand-in they call, so the stand-in is proven to keep the same contract.
 *
 * @example
 * declare const subject: ReservationSubject; // e.g. the real handlers on DynamoDB Local
 * describeReservationContract('inventory (real handlers)', () => subject);
 */
export function describeReservationContract(name: string, subject: () => ReservationSubject): void {
  describe(`the reservation contract: ${name}`, () => {
    const tenant = `contract-${randomUUID().slice(0, 8)}`;
    let n = 0;
    const fresh = (): { sku: (label: string) => string; orderId: string } => {
      n += 1;
      return { sku: (label) => `C${n}-${label}`, orderId: `order-${n}-${randomUUID().slice(0, 8)}` };
    };
    const reserve = async (payload: unknown) => ReservationAnswer.parse(await subject().reserve(payload));
    const release = async (payload: unknown) => ReleaseAnswer.parse(await subject().release(payload));

    it('reserves every line in one go and moves the stock from available to reserved', async () => {
      const { sku, orderId } = fresh();
      await subject().setStock(tenant, sku('A'), 5);
      await subject().setStock(tenant, sku('B'), 3);
      const lines = [
        { sku: sku('A'), qty: 2 },
        { sku: sku('B'), qty: 3 },
      ];
      expect(await reserve({ tenantId: tenant, orderId, lines })).toEqual({ status: 'RESERVED' });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 3, reserved: 2 });
      expect(await subject().stockOf(tenant, sku('B'))).toMatchObject({ available: 0, reserved: 3 });
    });

    it('reserves nothing when one line cannot be met, naming that sku', async () => {
      const { sku, orderId } = fresh();
      await subject().setStock(tenant, sku('A'), 5);
      await subject().setStock(tenant, sku('B'), 1);
      const answer = await reserve({
        tenantId: tenant,
        orderId,
        lines: [
          { sku: sku('A'), qty: 2 },
          { sku: sku('B'), qty: 2 },
        ],
      });
      expect(answer).toEqual({ status: 'REJECTED', reason: 'INSUFFICIENT_STOCK', sku: sku('B') });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 5, reserved: 0 });
    });

    it('rejects a sku the tenant has no stock of as UNKNOWN_SKU', async () => {
      const { sku, orderId } = fresh();
      expect(await reserve({ tenantId: tenant, orderId, lines: [{ sku: sku('NONE'), qty: 1 }] })).toEqual({
        status: 'REJECTED',
        reason: 'UNKNOWN_SKU',
        sku: sku('NONE'),
      });
    });

    it('answers a repeated order with its first answer and moves no stock twice', async () => {
      const { sku, orderId } = fresh();
      await subject().setStock(tenant, sku('A'), 4);
      const payload = { tenantId: tenant, orderId, lines: [{ sku: sku('A'), qty: 3 }] };
      expect(await reserve(payload)).toEqual({ status: 'RESERVED' });
      expect(await reserve(payload)).toEqual({ status: 'RESERVED' });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 1, reserved: 3 });
    });

    it("gives an order's stock back exactly once; releasing again, or an unknown order, is harmless", async () => {
      const { sku, orderId } = fresh();
      await subject().setStock(tenant, sku('A'), 4);
      await reserve({ tenantId: tenant, orderId, lines: [{ sku: sku('A'), qty: 3 }] });
      expect(await release({ tenantId: tenant, orderId })).toEqual({ status: 'RELEASED' });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 4, reserved: 0 });
      expect(await release({ tenantId: tenant, orderId })).toEqual({ status: 'ALREADY_RELEASED' });
      expect(await subject().stockOf(tenant, sku('A'))).toMatchObject({ available: 4, reserved: 0 });
      expect(await release({ tenantId: tenant, orderId: `never-${orderId}` })).toEqual({
        status: 'NOT_RESERVED',
      });
    });

    it("keeps tenants apart: another tenant's stock of the same sku is not touched", async () => {
      const { sku, orderId } = fresh();
      const other = `${tenant}-other`;
      await subject().setStock(tenant, sku('A'), 2);
      await subject().setStock(other, sku('A'), 2);
      await reserve({ tenantId: tenant, orderId, lines: [{ sku: sku('A'), qty: 2 }] });
      expect(await subject().stockOf(other, sku('A'))).toMatchObject({ available: 2, reserved: 0 });
    });
  });
}
