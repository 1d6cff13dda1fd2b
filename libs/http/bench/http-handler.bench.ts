// What the httpHandler stack costs per request, in-process, next to a bare handler returning the
// same JSON body: (a) bare, (b) body validation + RS256 authentication on a warm JWKS cache,
// (c) a 404 problem; and the differences (b − a) and (c − a).
//
//   npx tsx libs/http/bench/http-handler.bench.ts
//
// The measurement (measure-http-handler.ts) is bundled with esbuild the way serverless-esbuild
// bundles a function (serverless/service-defaults.yml) and run with plain node, so what is timed
// is what Lambda runs: no tsx, no source maps, and @middy/core (an ES module only) bundled as in a
// service. Handler and timing loop share that one process. Prints a table and writes
// reports/bench/http-handler.json at the workspace root; BENCH_HTTP_BATCHES (20),
// BENCH_HTTP_REQUESTS_PER_BATCH (2000) and BENCH_HTTP_WARM_UP (5000) change the sizes.
// A benchmark, not a test: it reports figures and asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { findWorkspaceRoot } from '@platform/auth/dev-issuer';
import { serviceEsbuildOptions } from '@platform/testing/bundle';
import { build } from 'esbuild';
import type { HttpHandlerBenchReport } from './measure-http-handler';

/** The report, with how it was run. */
export interface HttpHandlerBenchRun extends HttpHandlerBenchReport {
  /** Size of the bundle that ran the measurement. */
  bundleBytes: number;
  runtime: string;
}

/** How long the measuring process may take before it is stopped. */
const CHILD_TIMEOUT_MS = 10 * 60_000;

/**
 * Bundles the measurement, runs it in a plain node process and returns its report.
 *
 * @example
 * const run = await benchHttpHandler();
 * console.log(run.overheads[0]?.usPerRequest.p50); // µs added by the stack at p50
 */
export async function benchHttpHandler(env: NodeJS.ProcessEnv = process.env): Promise<HttpHandlerBenchRun> {
  const workDir = mkdtempSync(join(tmpdir(), 'http-handler-bench-'));
  try {
    const bundle = join(workDir, 'measure.cjs');
    // The options of serverless/service-defaults.yml (`esbuild:`), which every function is built with.
    await build({
      ...serviceEsbuildOptions(),
      entryPoints: [join(__dirname, 'measure-in-bundle.ts')],
      outfile: bundle,
      logLevel: 'warning',
    });
    const reportPath = join(workDir, 'report.json');
    // A clean node: whatever loader the caller runs under (tsx) stays out of the measurement.
    const childEnv = { ...env };
    delete childEnv['NODE_OPTIONS'];
    const child = spawnSync(process.execPath, [bundle, reportPath], {
      env: childEnv,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: CHILD_TIMEOUT_MS,
    });
    if (child.error) throw child.error;
    if (child.status !== 0) {
      throw new Error(
        `the measuring process failed (exit ${String(child.status)}, signal ${String(child.signal)})`,
      );
    }
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as HttpHandlerBenchReport;
    return {
      ...report,
      bundleBytes: statSync(bundle).size,
      runtime: `node ${process.version}, esbuild bundle`,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const run = await benchHttpHandler();
  console.log(
    `httpHandler per request — ${run.batches} batches × ${run.requestsPerBatch} requests after ` +
      `${run.warmUpRequests} warm-up, ${run.runtime}, ${cpus()[0]?.model.trim() ?? 'unknown cpu'}`,
  );
  console.table(
    Object.fromEntries([
      ...run.scenarios.map((result) => [
        result.name,
        {
          'p50 µs': result.usPerRequest.p50,
          'p99 µs': result.usPerRequest.p99,
          'mean µs': result.usPerRequest.mean,
          'requests/s': result.requestsPerSecond,
          'unexpected status': result.unexpectedStatuses,
        },
      ]),
      ...run.overheads.map((result) => [
        result.name,
        {
          'p50 µs': result.usPerRequest.p50,
          'p99 µs': result.usPerRequest.p99,
          'mean µs': result.usPerRequest.mean,
        },
      ]),
    ]),
  );
  console.log(`JWKS fetches while timing: ${run.jwksFetchesTimed}`);

  const root = findWorkspaceRoot(__dirname);
  const file = join(root, 'reports', 'bench', 'http-handler.json');
  mkdirSync(join(root, 'reports', 'bench'), { recursive: true });
  const machine = {
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus().length,
    date: new Date().toISOString(),
  };
  writeFileSync(file, `${JSON.stringify({ ...run, ...machine }, null, 2)}\n`);
  console.log(`written: ${relative(process.cwd(), file) || file}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
