import type { ApiResponse } from '../src/api-client';
import { startFaultHarness, type FaultHarness } from '../src/faults/fault-harness';
import { placeOrder, putProduct, putStock } from '../tests/support/e2e-context';
import {
  DEPENDENCY_FAILURE,
  heldWithoutOrder,
  HOLD_EXPIRY_MS,
  sleep,
  SUITE_ENV,
  summarize,
  sweepUntilSettled,
} from './support/fault-checks';

/*
 * Faults injected under a real local stack: DynamoDB Local behind the fault proxy (throttling,
 * 500s, delays, held answers), catalog failing, inventory answering after orders gave up, orders
 * killed mid-order. After each, the invariant is read from DynamoDB Local directly (per sku:
 * available + reserved = what was put, reserved = the qty of CONFIRMED orders), and every answer is
 * checked for leaked internals. Each test compares one outcome object, so a failure shows the
 * answer, the invariant and the sweep together. One stack for the file (two cores); rules are
 * cleared after each test.
 */

let harness: FaultHarness;

const table = (service: string): string => {
  const [name] = harness.tables[service] ?? [];
  if (!name) throw new Error(`no table of ${service}`);
  return name;
};

/**
 * The order write: one transaction that puts the order and confirms its hold (ADR-011). Orders'
 * other writes while placing (the idempotency record, the key's order id) are single PutItems.
 */
const ORDER_WRITE = ['TransactWriteItems'];
/** Catalog's reads of a product. */
const CATALOG_READS = ['GetItem', 'Query', 'BatchGetItem'];

/** A tenant with one product (5.00 EUR) and 10 in stock; what was put, for the invariant. */
async function shop(label: string): Promise<{
  tenant: string;
  token: string;
  sku: string;
  put: Record<string, number>;
}> {
  const tenant = harness.names.tenant(label);
  const token = await harness.token(tenant, `${label}-buyer`);
  const sku = harness.names.sku(label);
  await putProduct(harness, token, sku, { priceCents: 500 });
  await putStock(harness, token, sku, 10);
  return { tenant, token, sku, put: { [sku]: 10 } };
}

async function timed(call: Promise<ApiResponse>): Promise<ApiResponse & { ms: number }> {
  const begun = performance.now();
  const reply = await call;
  return { ...reply, ms: Math.round(performance.now() - begun) };
}

beforeAll(async () => {
  harness = await startFaultHarness({ env: SUITE_ENV });
}, 300_000);

afterEach(() => harness?.proxy.clearRules());

afterAll(async () => {
  await harness?.stop();
}, 60_000);

describe('(a) DynamoDB throttling and timeouts', () => {
  it('answers 503 with Retry-After, leaks nothing and holds no stock when the orders table throttles the order write', async () => {
    const { tenant, token, sku, put } = await shop('throttle-orders');
    // The order write throttles, the SDK's retries included.
    const rule = harness.proxy.addRule({
      table: table('orders'),
      operation: ORDER_WRITE,
      action: { kind: 'throttle' },
    });
    const reply = await timed(placeOrder(harness, token, harness.names.key('a1'), [{ sku, qty: 1 }]));
    harness.proxy.clearRules();
    const report = await harness.invariant(tenant, put);
    expect({
      faulted: rule.applied() > 0,
      answer: summarize(reply, harness),
      violations: report.violations,
      held: heldWithoutOrder(report),
    }).toEqual({ faulted: true, answer: DEPENDENCY_FAILURE, violations: [], held: { [sku]: 0 } });
  });

  it('answers 503 with Retry-After, leaks nothing and holds no stock when the inventory table throttles the reserve transaction', async () => {
    const { tenant, token, sku, put } = await shop('throttle-inventory');
    const rule = harness.proxy.addRule({
      table: table('inventory'),
      operation: 'TransactWriteItems',
      action: { kind: 'throttle', error: 'ProvisionedThroughputExceededException' },
    });
    const reply = await timed(placeOrder(harness, token, harness.names.key('a2'), [{ sku, qty: 1 }]));
    harness.proxy.clearRules();
    const report = await harness.invariant(tenant, put);
    expect({
      faulted: rule.applied() > 0,
      answer: summarize(reply, harness),
      violations: report.violations,
      held: heldWithoutOrder(report),
    }).toEqual({ faulted: true, answer: DEPENDENCY_FAILURE, violations: [], held: { [sku]: 0 } });
  });

  it("answers before placeOrder's 15 s timeout with the order the held write committed (the SDK's retry after its 5 s request timeout finds it), and keeps the invariant", async () => {
    const { tenant, token, sku, put } = await shop('timeout-orders');
    const rule = harness.proxy.addRule({
      table: table('orders'),
      operation: ORDER_WRITE,
      times: 1,
      action: { kind: 'hold-response', ms: 20_000 },
    });
    const reply = await timed(placeOrder(harness, token, harness.names.key('a3'), [{ sku, qty: 1 }]));
    harness.proxy.clearRules();
    const report = await harness.invariant(tenant, put);
    expect({
      faulted: rule.applied(),
      status: reply.status,
      answeredWithinFunctionTimeout: reply.ms < 15_000,
      violations: report.violations,
      ledger: report.skus.map((ledger) => ({ reserved: ledger.reserved, confirmed: ledger.confirmed })),
    }).toEqual({
      faulted: 1,
      status: 201,
      answeredWithinFunctionTimeout: true,
      violations: [],
      ledger: [{ reserved: 1, confirmed: 1 }],
    });
  });
});

describe('(b) an inventory reserve that commits after orders gave up', () => {
  it("answers 503 with Retry-After when the reserve's answer is held past orders' invoke timeout, and after the sweep no stock is held", async () => {
    const { tenant, token, sku, put } = await shop('late-answer');
    // The reserve transaction commits at once; its answer reaches inventory's handler 15 s later.
    const held = harness.proxy.addRule({
      table: table('inventory'),
      operation: 'TransactWriteItems',
      times: 1,
      action: { kind: 'hold-response', ms: 15_000 },
    });
    const placing = timed(placeOrder(harness, token, harness.names.key('b1'), [{ sku, qty: 1 }]));
    await held.whenApplied(1, 60_000);
    // orders retries the invoke once: every later inventory table call is slower than its
    // INVENTORY_TIMEOUT_MS, so the retry gives up too and orders answers.
    const slow = harness.proxy.addRule({ table: table('inventory'), action: { kind: 'delay', ms: 3000 } });
    const reply = await placing;
    slow.remove();
    // Let the held answer and the slowed calls finish inside inventory before sweeping.
    await sleep(16_000);
    const { sweepError, report } = await sweepUntilSettled(harness, tenant, put);
    expect({
      answer: summarize(reply, harness),
      answeredBeforeTheHeldAnswer: reply.ms < 15_000,
      sweepError,
      violations: report.violations,
      held: heldWithoutOrder(report),
    }).toEqual({
      answer: DEPENDENCY_FAILURE,
      answeredBeforeTheHeldAnswer: true,
      sweepError: undefined,
      violations: [],
      held: { [sku]: 0 },
    });
  });

  it('answers 503 with Retry-After when the reserve transaction reaches DynamoDB only after orders gave up and released, and after the sweep the late reserve holds no stock', async () => {
    const { tenant, token, sku, put } = await shop('late-commit');
    // Both invoke attempts' reserve transactions reach DynamoDB 8 s late (even if inventory's
    // client gave up meanwhile): orders gives up (2 × 2 s), releases, answers; then they commit.
    const late = harness.proxy.addRule({
      table: table('inventory'),
      operation: 'TransactWriteItems',
      times: 2,
      action: { kind: 'delay', ms: 8000, forwardIfCallerGone: true },
    });
    const reply = await timed(placeOrder(harness, token, harness.names.key('b2'), [{ sku, qty: 1 }]));
    await sleep(Math.max(0, 10_000 - reply.ms) + 2000);
    harness.proxy.clearRules();
    const { sweepError, report } = await sweepUntilSettled(harness, tenant, put);
    expect({
      faulted: late.applied() > 0,
      answer: summarize(reply, harness),
      answeredBeforeTheLateCommit: reply.ms < 8000,
      sweepError,
      violations: report.violations,
      held: heldWithoutOrder(report),
    }).toEqual({
      faulted: true,
      answer: DEPENDENCY_FAILURE,
      answeredBeforeTheLateCommit: true,
      sweepError: undefined,
      violations: [],
      held: { [sku]: 0 },
    });
  });
});

describe('(c) catalog 5xx and slowness', () => {
  it('answers 503 with Retry-After and reserves nothing when catalog answers 5xx because its table reads fail', async () => {
    const { tenant, token, sku, put } = await shop('catalog-5xx');
    harness.proxy.addRule({
      table: table('catalog'),
      operation: CATALOG_READS,
      action: { kind: 'internal-error' },
    });
    const fromCatalog = await harness.api.call('GET', `/catalog/products/${sku}`, { token });
    const reply = await timed(placeOrder(harness, token, harness.names.key('c1'), [{ sku, qty: 1 }]));
    harness.proxy.clearRules();
    const report = await harness.invariant(tenant, put);
    const catalogAnswer = summarize(fromCatalog, harness);
    expect({
      catalog5xx: catalogAnswer.status >= 500,
      catalogLeaks: catalogAnswer.leaks,
      answer: summarize(reply, harness),
      violations: report.violations,
      reserved: report.skus.map((ledger) => ledger.reserved),
    }).toEqual({
      catalog5xx: true,
      catalogLeaks: [],
      answer: DEPENDENCY_FAILURE,
      violations: [],
      reserved: [0],
    });
  });

  it('answers 503 with Retry-After within twice CATALOG_TIMEOUT_MS and reserves nothing when catalog is slower than that timeout', async () => {
    const { tenant, token, sku, put } = await shop('catalog-slow');
    harness.proxy.addRule({
      table: table('catalog'),
      operation: CATALOG_READS,
      action: { kind: 'delay', ms: 4000 },
    });
    const reply = await timed(placeOrder(harness, token, harness.names.key('c2'), [{ sku, qty: 1 }]));
    harness.proxy.clearRules();
    // Catalog's own slow reads end after orders gave up; nothing of them may reach inventory.
    await sleep(3000);
    const report = await harness.invariant(tenant, put);
    expect({
      answer: summarize(reply, harness),
      answeredWithinTwiceTheTimeout: reply.ms < 2 * Number(SUITE_ENV.CATALOG_TIMEOUT_MS),
      violations: report.violations,
      reserved: report.skus.map((ledger) => ledger.reserved),
    }).toEqual({
      answer: DEPENDENCY_FAILURE,
      answeredWithinTwiceTheTimeout: true,
      violations: [],
      reserved: [0],
    });
  });
});

describe('(d) the orders process killed mid-order', () => {
  it(
    'after orders is SIGKILLed between the reserve and the order write, the client gets a 502/503 without a leak, and once the hold expired the sweeper leaves nothing held',
    async () => {
      const { tenant, token, sku, put } = await shop('killed');
      // The order write waits a minute: orders is killed meanwhile, so it never reaches DynamoDB.
      const stalled = harness.proxy.addRule({
        table: table('orders'),
        operation: ORDER_WRITE,
        times: 1,
        action: { kind: 'delay', ms: 60_000 },
      });
      const placing = timed(placeOrder(harness, token, harness.names.key('d1'), [{ sku, qty: 1 }]));
      await stalled.whenApplied(1, 60_000);
      // Precondition: the reserve went through, the order is not written.
      const before = await harness.invariant(tenant, put);
      expect(before.skus[0]).toMatchObject({ reserved: 1, confirmed: 0 });

      const killed = await harness.killService('orders');
      const reply = await placing;
      harness.proxy.clearRules();
      const health = await harness.api.call('GET', '/orders/health');
      const { sweepError, report } = await sweepUntilSettled(harness, tenant, put);
      const answer = summarize(reply, harness);
      expect({
        answer: {
          gatewayError: [502, 503].includes(answer.status),
          problem: answer.problem,
          leaks: answer.leaks,
        },
        ordersBackAfterRestart: health.status,
        sweepError,
        violations: report.violations,
        held: heldWithoutOrder(report),
      }).toEqual({
        answer: { gatewayError: true, problem: true, leaks: [] },
        ordersBackAfterRestart: 200,
        sweepError: undefined,
        violations: [],
        held: { [sku]: 0 },
      });
      expect(killed.restartMs).toBeLessThan(300_000);
    },
    180_000 + HOLD_EXPIRY_MS,
  );
});
