// The measurement behind http-handler.bench.ts: what the httpHandler stack costs per request,
// in-process, next to a bare handler that returns the same JSON body.
//
// Every request is an API Gateway v2 event from httpApiEvent carrying a real RS256 token from
// createDevIssuer(), verified against a JWKS served over real HTTP on 127.0.0.1 and fetched once,
// during the warm-up. The logger and the EMF metrics write to destinations that count and discard,
// so the figures are the stack's own cost, not the I/O's. Events and contexts are built before
// each batch, outside the timed region; each request is timed on its own (process.hrtime.bigint()).
// It runs inside an esbuild bundle (see http-handler.bench.ts), not under tsx.
import { bearerToken, createJwtVerifier } from '@platform/auth';
import { createLogger, createMetrics } from '@platform/observability';
import { createDevIssuer, httpApiEvent, lambdaContext, serveJwks } from '@platform/testing';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { type ApiHandler, created, type HttpDependencies, httpHandler, notFound } from '../src';

/** Sizes of one run; the environment (BENCH_*) or the caller can change them. */
export interface HttpHandlerBenchOptions {
  /** Timed batches per scenario; the scenarios take turns batch by batch. */
  batches: number;
  requestsPerBatch: number;
  /** Untimed requests per scenario before timing starts (fills the JWKS cache, warms the JIT). */
  warmUpRequests: number;
}

/** Per-request figures in microseconds. */
interface MicrosecondSummary {
  p50: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** One scenario's figures. */
interface HttpScenarioResult {
  name: string;
  description: string;
  expectedStatus: number;
  requests: number;
  usPerRequest: MicrosecondSummary;
  requestsPerSecond: number;
  /** Timed requests answered with another status than expected: 0 unless something is wrong. */
  unexpectedStatuses: number;
  logLinesPerRequest: number;
  emfLinesPerRequest: number;
}

/** A difference between two scenarios, figure by figure (not a percentile of differences). */
interface HttpOverhead {
  name: string;
  description: string;
  usPerRequest: { p50: number; p99: number; mean: number };
}

/** What runHttpHandlerBench() returns and main() writes. */
export interface HttpHandlerBenchReport {
  benchmark: 'http-handler';
  unit: string;
  batches: number;
  requestsPerBatch: number;
  warmUpRequests: number;
  destinations: string;
  tokenAlg: string;
  /** JWKS fetches while timing: 0 means every verification used the warm cache. */
  jwksFetchesTimed: number;
  jwksFetchesTotal: number;
  scenarios: HttpScenarioResult[];
  overheads: HttpOverhead[];
}

/** The options from BENCH_HTTP_BATCHES (20), BENCH_HTTP_REQUESTS_PER_BATCH (2000) and BENCH_HTTP_WARM_UP (5000). */
export function httpHandlerBenchOptionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): HttpHandlerBenchOptions {
  const positive = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} must be a positive integer, not ${raw}`);
    return value;
  };
  return {
    batches: positive('BENCH_HTTP_BATCHES', 20),
    requestsPerBatch: positive('BENCH_HTTP_REQUESTS_PER_BATCH', 2_000),
    warmUpRequests: positive('BENCH_HTTP_WARM_UP', 5_000),
  };
}

/** Counts what it is given and keeps nothing. */
interface CountingDestination {
  lines: number;
  write(line: string): void;
}

function countingDestination(): CountingDestination {
  const destination: CountingDestination = {
    lines: 0,
    write() {
      destination.lines += 1;
    },
  };
  return destination;
}

interface Scenario {
  name: string;
  description: string;
  expectedStatus: number;
  handler: ApiHandler;
  event: () => APIGatewayProxyEventV2;
  logs: CountingDestination;
  emf: CountingDestination;
}

const ORDER_LINE = { sku: 'ABC-1', qty: 2 };
const placedOrder = (line: { sku: string; qty: number }): Record<string, unknown> => ({
  orderId: 'ORD-0001',
  sku: line.sku,
  qty: line.qty,
  status: 'placed',
});

function percentile(sorted: Float64Array, fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

const round = (value: number): number => Math.round(value * 100) / 100;

function summarise(samples: Float64Array): MicrosecondSummary {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    p50: round(percentile(sorted, 0.5)),
    p99: round(percentile(sorted, 0.99)),
    mean: round(sum / sorted.length),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/** Runs `count` requests; when `samples` is given, stores each one's duration (µs) from `offset`. */
async function runRequests(
  scenario: Scenario,
  count: number,
  samples?: Float64Array,
  offset = 0,
): Promise<number> {
  const events: APIGatewayProxyEventV2[] = [];
  const contexts: Context[] = [];
  for (let index = 0; index < count; index += 1) {
    events.push(scenario.event());
    contexts.push(lambdaContext({ functionName: 'orders-bench-placeOrder' }));
  }
  let unexpected = 0;
  for (let index = 0; index < count; index += 1) {
    const event = events[index] as APIGatewayProxyEventV2;
    const context = contexts[index] as Context;
    const started = process.hrtime.bigint();
    const response = await scenario.handler(event, context);
    const elapsed = process.hrtime.bigint() - started;
    if (samples) samples[offset + index] = Number(elapsed) / 1_000;
    if (response.statusCode !== scenario.expectedStatus) unexpected += 1;
  }
  return unexpected;
}

/**
 * Measures the per-request cost of (a) a bare handler, (b) httpHandler with body validation and
 * authentication on a warm JWKS cache, (c) httpHandler answering a 404 problem, and the
 * differences (b − a) and (c − a); for reference, a bare handler that also verifies the token,
 * so (b − ref) is what the stack costs besides the signature check.
 *
 * @example
 * const report = await runHttpHandlerBench({ batches: 20, requestsPerBatch: 2_000, warmUpRequests: 5_000 });
 * console.log(report.overheads[0]?.usPerRequest.p50);
 */
export async function runHttpHandlerBench(
  options: HttpHandlerBenchOptions = httpHandlerBenchOptionsFromEnv(),
): Promise<HttpHandlerBenchReport> {
  const issuer = await createDevIssuer({ alg: 'RS256' });
  const jwks = await serveJwks(() => issuer.jwks());
  try {
    const verifier = createJwtVerifier({
      issuer: issuer.issuer,
      audience: issuer.audience,
      jwksUrl: jwks.url,
    });
    const token = await issuer.mint({
      sub: 'customer-1',
      tenant: 'tenant-1',
      scope: 'orders:read orders:write',
    });

    const dependenciesFor = (
      logs: CountingDestination,
      emf: CountingDestination,
    ): Partial<HttpDependencies> => ({
      verifier,
      logger: createLogger({ service: 'orders', stage: 'bench', level: 'info', destination: logs }),
      metrics: createMetrics({ service: 'orders', stage: 'bench', destination: emf }),
      cors: { origins: [] },
    });
    const postOrder = (): APIGatewayProxyEventV2 =>
      httpApiEvent({ method: 'POST', path: '/orders', routeKey: 'POST /orders', body: ORDER_LINE, token });

    const scenarios: Scenario[] = [];
    {
      const logs = countingDestination();
      const emf = countingDestination();
      const bare: ApiHandler = async (event) => {
        const line = JSON.parse(event.body ?? '{}') as { sku: string; qty: number };
        return {
          statusCode: 201,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(placedOrder(line)),
        };
      };
      scenarios.push({
        name: 'bare',
        description: '(a) bare async handler: JSON.parse the body, return the same 201 JSON body',
        expectedStatus: 201,
        handler: bare,
        event: postOrder,
        logs,
        emf,
      });
    }
    {
      const logs = countingDestination();
      const emf = countingDestination();
      const bareWithVerify: ApiHandler = async (event) => {
        await verifier.verify(bearerToken(event.headers['authorization']));
        const line = JSON.parse(event.body ?? '{}') as { sku: string; qty: number };
        return {
          statusCode: 201,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(placedOrder(line)),
        };
      };
      scenarios.push({
        name: 'bare-with-verify',
        description: 'reference: (a) plus the same JwtVerifier.verify() of the bearer token (warm JWKS)',
        expectedStatus: 201,
        handler: bareWithVerify,
        event: postOrder,
        logs,
        emf,
      });
    }
    {
      const logs = countingDestination();
      const emf = countingDestination();
      scenarios.push({
        name: 'validated-authenticated',
        description: '(b) httpHandler: z.strictObject body + RS256 bearer token (warm JWKS) + scope, 201',
        expectedStatus: 201,
        handler: httpHandler(
          {
            scopes: ['orders:write'],
            body: z.strictObject({ sku: z.string().min(1), qty: z.number().int().positive() }),
            dependencies: dependenciesFor(logs, emf),
          },
          async ({ body }) => created(placedOrder(body)),
        ),
        event: postOrder,
        logs,
        emf,
      });
    }
    {
      const logs = countingDestination();
      const emf = countingDestination();
      scenarios.push({
        name: 'not-found-problem',
        description:
          '(c) httpHandler: path params + RS256 bearer token, handler throws notFound → 404 problem+json',
        expectedStatus: 404,
        handler: httpHandler(
          {
            scopes: ['orders:read'],
            path: z.object({ orderId: z.string().min(1) }),
            dependencies: dependenciesFor(logs, emf),
          },
          async ({ path }) => {
            throw notFound(`Order ${path.orderId} does not exist.`);
          },
        ),
        event: () =>
          httpApiEvent({
            method: 'GET',
            path: '/orders/ORD-9999',
            routeKey: 'GET /orders/{orderId}',
            pathParameters: { orderId: 'ORD-9999' },
            token,
          }),
        logs,
        emf,
      });
    }

    for (const scenario of scenarios) await runRequests(scenario, options.warmUpRequests);
    const fetchesBeforeTiming = jwks.requestCount();

    const perScenario = scenarios.map((scenario) => ({
      scenario,
      samples: new Float64Array(options.batches * options.requestsPerBatch),
      unexpected: 0,
      logsBefore: scenario.logs.lines,
      emfBefore: scenario.emf.lines,
    }));
    for (let batch = 0; batch < options.batches; batch += 1) {
      // Rotate who goes first so drift (JIT, GC, CPU frequency) is spread over every scenario.
      for (let turn = 0; turn < perScenario.length; turn += 1) {
        const entry = perScenario[(batch + turn) % perScenario.length];
        if (!entry) continue;
        entry.unexpected += await runRequests(
          entry.scenario,
          options.requestsPerBatch,
          entry.samples,
          batch * options.requestsPerBatch,
        );
      }
    }
    const jwksFetchesTimed = jwks.requestCount() - fetchesBeforeTiming;

    const results: HttpScenarioResult[] = perScenario.map((entry) => {
      const requests = entry.samples.length;
      const usPerRequest = summarise(entry.samples);
      return {
        name: entry.scenario.name,
        description: entry.scenario.description,
        expectedStatus: entry.scenario.expectedStatus,
        requests,
        usPerRequest,
        requestsPerSecond: Math.round(1_000_000 / usPerRequest.mean),
        unexpectedStatuses: entry.unexpected,
        logLinesPerRequest: round((entry.scenario.logs.lines - entry.logsBefore) / requests),
        emfLinesPerRequest: round((entry.scenario.emf.lines - entry.emfBefore) / requests),
      };
    });

    const byName = new Map(results.map((result) => [result.name, result.usPerRequest]));
    const overhead = (name: string, description: string, of: string, over: string): HttpOverhead[] => {
      const minuend = byName.get(of);
      const subtrahend = byName.get(over);
      if (!minuend || !subtrahend) return [];
      return [
        {
          name,
          description,
          usPerRequest: {
            p50: round(minuend.p50 - subtrahend.p50),
            p99: round(minuend.p99 - subtrahend.p99),
            mean: round(minuend.mean - subtrahend.mean),
          },
        },
      ];
    };

    return {
      benchmark: 'http-handler',
      unit: 'microseconds per request, in-process, one sample per request; overheads are differences of the figures',
      batches: options.batches,
      requestsPerBatch: options.requestsPerBatch,
      warmUpRequests: options.warmUpRequests,
      destinations: 'logger and EMF metrics write to counting, discarding destinations (no I/O)',
      tokenAlg: issuer.alg,
      jwksFetchesTimed,
      jwksFetchesTotal: jwks.requestCount(),
      scenarios: results,
      overheads: [
        ...overhead(
          'overhead (b − a)',
          'httpHandler with validation + auth, minus the bare handler',
          'validated-authenticated',
          'bare',
        ),
        ...overhead(
          'overhead (c − a)',
          '404 problem path, minus the bare handler',
          'not-found-problem',
          'bare',
        ),
        ...overhead(
          'stack without verify (b − ref)',
          'httpHandler with validation + auth, minus the bare handler that verifies the same token',
          'validated-authenticated',
          'bare-with-verify',
        ),
      ],
    };
  } finally {
    await jwks.close();
  }
}
