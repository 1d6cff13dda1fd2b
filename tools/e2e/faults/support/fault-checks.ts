import type { ApiResponse } from '../../src/api-client';
import type { FaultHarness, InvariantReport } from '../../src/faults/fault-harness';

/** What the suite's stack is told: short client timeouts, so faults show within seconds. */
export const SUITE_ENV = {
  /** orders → catalog (default 3000). */
  CATALOG_TIMEOUT_MS: '1500',
  /** orders → inventory, per invoke attempt; the Lambda client makes 2 attempts (default 5000). */
  INVENTORY_TIMEOUT_MS: '2000',
};

/** How long (b) and (d) keep sweeping for expired holds: FAULTS_HOLD_EXPIRY_MS (default 60 s). */
export const HOLD_EXPIRY_MS = Number(process.env['FAULTS_HOLD_EXPIRY_MS'] ?? 60_000);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A stack frame (`at fn (file:12:3)`, `at file:12:3`). */
const STACK_FRAME = /(^|[\s"'[,])at \S.*:\d+:\d+/m;
const AWS_ERROR = /\w*(Exception|InternalServerError|TransactionCanceled|ConditionalCheck)\w*/;
const DYNAMODB = /dynamo ?db/i;

/**
 * What leaks from an answer, headers included: a stack frame, an exception or AWS error name, a
 * mention of DynamoDB, a table name. Empty when nothing does.
 */
function leaksOf(reply: ApiResponse, harness: Pick<FaultHarness, 'tables'>): string[] {
  const headers = [...reply.headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n');
  const everything = `${headers}\n${reply.text}`;
  const leaks: string[] = [];
  const frame = STACK_FRAME.exec(everything);
  if (frame) leaks.push(`stack frame: ${frame[0].trim()}`);
  const error = AWS_ERROR.exec(everything);
  if (error) leaks.push(`error name: ${error[0]}`);
  if (DYNAMODB.test(everything)) leaks.push('mentions DynamoDB');
  for (const table of Object.values(harness.tables).flat()) {
    if (everything.includes(table)) leaks.push(`table name: ${table}`);
  }
  return leaks;
}

/** An answer as the fault suite judges it. */
export interface AnswerSummary {
  status: number;
  /** `application/problem+json` whose `status` is the answer's and whose `instance` is the correlation id. */
  problem: boolean;
  retryAfter: string | null;
  leaks: string[];
}

/** Summarizes an answer for one `toEqual`, so a failure shows everything that is wrong at once. */
export function summarize(reply: ApiResponse, harness: Pick<FaultHarness, 'tables'>): AnswerSummary {
  const body = (reply.body ?? {}) as Record<string, unknown>;
  return {
    status: reply.status,
    problem:
      /^application\/problem\+json/.test(reply.headers.get('content-type') ?? '') &&
      body['status'] === reply.status &&
      typeof body['type'] === 'string' &&
      typeof body['title'] === 'string' &&
      typeof body['detail'] === 'string' &&
      body['instance'] === reply.headers.get('x-correlation-id'),
    retryAfter: reply.headers.get('retry-after'),
    leaks: leaksOf(reply, harness),
  };
}

/** A dependency failure: 503 problem+json with a `Retry-After` of whole seconds, nothing leaked. */
export const DEPENDENCY_FAILURE = {
  status: 503,
  problem: true,
  retryAfter: expect.stringMatching(/^\d+$/),
  leaks: [],
};

/** Stock held per sku beyond what CONFIRMED orders account for (0 when nothing is held without an order). */
export function heldWithoutOrder(report: InvariantReport): Record<string, number> {
  return Object.fromEntries(
    report.skus.map((ledger) => [ledger.sku, (ledger.reserved ?? 0) - ledger.confirmed]),
  );
}

/** After the sweeps: the sweeper's error (if it could not be invoked) and the last invariant. */
export interface SweepOutcome {
  sweepError: string | undefined;
  report: InvariantReport;
}

/**
 * Runs the sweeper, then reads the invariant, again every second until it holds or
 * `HOLD_EXPIRY_MS` passed (a hold is released by the sweeper only once it expired). A sweeper that
 * cannot be invoked ends the loop at once, with its error and the invariant as it is.
 */
export async function sweepUntilSettled(
  harness: FaultHarness,
  tenant: string,
  put: Readonly<Record<string, number>>,
): Promise<SweepOutcome> {
  const deadline = performance.now() + HOLD_EXPIRY_MS;
  for (;;) {
    let sweepError: string | undefined;
    try {
      await harness.sweep();
    } catch (error) {
      sweepError = error instanceof Error ? error.message : String(error);
    }
    const report = await harness.invariant(tenant, put);
    if (sweepError !== undefined || report.violations.length === 0 || performance.now() > deadline) {
      return { sweepError, report };
    }
    await sleep(1000);
  }
}
