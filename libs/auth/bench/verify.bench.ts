// Cost of one JwtVerifier.verify() with a warm JWKS cache: signature, algorithm and claim checks
// and the principal mapping, for an RS256 and an ES256 token.
//
//   npx tsx libs/auth/bench/verify.bench.ts
//
// Prints a table and writes reports/bench/auth-verify.json at the workspace root. The JWKS is
// served by a real node:http server on 127.0.0.1 and fetched once before timing starts; the
// report records how many fetches happened, so a cache miss during the run would show.
// A benchmark, not a test: it reports figures and asserts nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { createJwtVerifier, type AllowedAlgorithm } from '../src';
import { createDevIssuer, findWorkspaceRoot, type DevIssuer } from '../src/dev-issuer';

const WARM_UP = Number(process.env['BENCH_WARM_UP'] ?? 500);
const ITERATIONS = Number(process.env['BENCH_ITERATIONS'] ?? 5_000);

interface Result {
  alg: AllowedAlgorithm;
  iterations: number;
  usPerVerify: { p50: number; p99: number; mean: number; min: number; max: number };
  verifiesPerSecond: number;
  /** Fetches while warming up (the first one fills the cache). */
  jwksFetchesWarmUp: number;
  /** Fetches while timing: 0 means every timed call was served from the cache. */
  jwksFetchesTimed: number;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

const round = (value: number): number => Math.round(value * 10) / 10;

async function serveKeys(issuers: readonly DevIssuer[]): Promise<{
  url: string;
  fetches(): number;
  close(): Promise<void>;
}> {
  let fetches = 0;
  const server = createServer((_request, response) => {
    fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: issuers.flatMap((issuer) => issuer.jwks().keys) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    fetches: () => fetches,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function measure(issuer: DevIssuer, jwksUrl: string, fetchesSoFar: () => number): Promise<Result> {
  const verifier = createJwtVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwksUrl });
  const token = await issuer.mint({
    sub: 'customer-1',
    tenant: 'tenant-1',
    scope: 'orders:read orders:write',
  });
  const beforeWarmUp = fetchesSoFar();
  for (let i = 0; i < Math.max(1, WARM_UP); i += 1) await verifier.verify(token);
  const beforeTiming = fetchesSoFar();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    const started = process.hrtime.bigint();
    await verifier.verify(token);
    samples.push(Number(process.hrtime.bigint() - started) / 1_000);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return {
    alg: issuer.alg,
    iterations: ITERATIONS,
    usPerVerify: {
      p50: round(percentile(samples, 50)),
      p99: round(percentile(samples, 99)),
      mean: round(mean),
      min: round(samples[0] ?? Number.NaN),
      max: round(samples[samples.length - 1] ?? Number.NaN),
    },
    verifiesPerSecond: Math.round(1_000_000 / mean),
    jwksFetchesWarmUp: beforeTiming - beforeWarmUp,
    jwksFetchesTimed: fetchesSoFar() - beforeTiming,
  };
}

async function main(): Promise<void> {
  const issuers = [await createDevIssuer({ alg: 'RS256' }), await createDevIssuer({ alg: 'ES256' })];
  const jwks = await serveKeys(issuers);
  const results: Result[] = [];
  try {
    for (const issuer of issuers) results.push(await measure(issuer, jwks.url, jwks.fetches));
  } finally {
    await jwks.close();
  }

  const root = findWorkspaceRoot(__dirname);
  const reportPath = join(root, 'reports', 'bench', 'auth-verify.json');
  const report = {
    benchmark: 'auth-verify',
    unit: 'microseconds per JwtVerifier.verify() call, warm JWKS cache',
    warmUp: WARM_UP,
    iterations: ITERATIONS,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus().length,
    date: new Date().toISOString(),
    results,
  };
  mkdirSync(join(root, 'reports', 'bench'), { recursive: true });
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);

  console.table(
    results.map((result) => ({
      alg: result.alg,
      'p50 µs': result.usPerVerify.p50,
      'p99 µs': result.usPerVerify.p99,
      'mean µs': result.usPerVerify.mean,
      'verifies/s': result.verifiesPerSecond,
      'JWKS fetches (timed)': result.jwksFetchesTimed,
    })),
  );
  console.log(`wrote ${relative(process.cwd(), reportPath)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
