// How long each platform lib takes to load in a fresh process, as Lambda loads it: bundled.
//
//   npx tsx bench/lib-load.bench.ts            (or through the runner: npx tsx bench/run.ts --only load)
//
// Each lib's entry (`exports["."]` of its package.json) is bundled with esbuild with the options
// of serverless/service-defaults.yml (what serverless-esbuild builds every function with) into a
// temporary folder outside the workspace, so nothing can be resolved from node_modules at run
// time. Then, per run, a fresh `node -e` records performance.now() before and after
// require(<bundle>). One untimed run per lib first (file cache), then BENCH_LOAD_RUNS (10) runs,
// the libs taking turns. An empty bundle is measured the same way as a floor. Loading the
// TypeScript sources through tsx instead would measure tsx.
// A benchmark, not a test: it reports figures and asserts nothing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { serviceEsbuildOptions } from '@platform/testing/bundle';
import { build } from 'esbuild';
import { loadRunsFromEnv, timeRequire } from './fresh-require';
import { summarise } from './statistics';

/** The libs measured, in dependency order. */
const MEASURED_LIBS = ['observability', 'auth', 'persistence', 'http', 'testing'] as const;

/** serverless/service-defaults.yml `esbuild:` — how every function is bundled. */
const LAMBDA_ESBUILD_OPTIONS = serviceEsbuildOptions();

/** One lib's load time. */
interface LibLoadResult {
  /** Package name, or `(empty bundle)` for the floor. */
  name: string;
  entry: string;
  bundleBytes: number;
  runs: number;
  /** Milliseconds between performance.now() before and after require(bundle). */
  msToRequire: { p50: number; min: number; max: number; mean: number };
  samplesMs: number[];
}

/** What benchLibLoad() returns. */
export interface LibLoadReport {
  benchmark: 'lib-load';
  unit: string;
  runs: number;
  esbuild: typeof LAMBDA_ESBUILD_OPTIONS;
  /** The same measurement of an empty bundle: node's own cost of require(). */
  floor: LibLoadResult;
  results: LibLoadResult[];
}

const workspaceRoot = join(__dirname, '..');

/** The file a lib's package.json exports as `.` (its public entry). */
function entryOf(lib: string): { name: string; entry: string } {
  const directory = join(workspaceRoot, 'libs', lib);
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
    name: string;
    main?: string;
    exports?: Record<string, string | undefined>;
  };
  const entry = manifest.exports?.['.'] ?? manifest.main;
  if (!entry) throw new Error(`libs/${lib}/package.json names no entry`);
  return { name: manifest.name, entry: join(directory, entry) };
}

/**
 * Bundles each lib as Lambda would and times require() of the bundle in fresh node processes.
 *
 * @example
 * const report = await benchLibLoad();
 * console.log(report.results.find((result) => result.name === '@platform/http')?.msToRequire.p50);
 */
export async function benchLibLoad(env: NodeJS.ProcessEnv = process.env): Promise<LibLoadReport> {
  const runs = loadRunsFromEnv(env);
  const workDir = mkdtempSync(join(tmpdir(), 'lib-load-bench-'));
  // A clean node: whatever loader the caller runs under (tsx) stays out of the measurement.
  const childEnv = { ...env };
  delete childEnv['NODE_OPTIONS'];
  try {
    const emptyBundle = join(workDir, 'empty.cjs');
    writeFileSync(emptyBundle, '"use strict";\n');
    const targets = [{ name: '(empty bundle)', entry: '', bundle: emptyBundle }];
    for (const lib of MEASURED_LIBS) {
      const { name, entry } = entryOf(lib);
      const bundle = join(workDir, `${lib}.cjs`);
      await build({ ...LAMBDA_ESBUILD_OPTIONS, entryPoints: [entry], outfile: bundle, logLevel: 'warning' });
      targets.push({ name, entry: relative(workspaceRoot, entry), bundle });
    }

    for (const target of targets) timeRequire(target.bundle, { cwd: workDir, env: childEnv });
    const samples = new Map<string, number[]>(targets.map((target) => [target.name, []]));
    for (let run = 0; run < runs; run += 1) {
      for (const target of targets)
        samples.get(target.name)?.push(timeRequire(target.bundle, { cwd: workDir, env: childEnv }));
    }

    const results = targets.map((target): LibLoadResult => {
      const samplesMs = (samples.get(target.name) ?? []).map((value) => Math.round(value * 1_000) / 1_000);
      const { p50, min, max, mean } = summarise(samplesMs);
      return {
        name: target.name,
        entry: target.entry,
        bundleBytes: statSync(target.bundle).size,
        runs,
        msToRequire: { p50, min, max, mean },
        samplesMs,
      };
    });
    const [floor, ...libs] = results;
    if (!floor) throw new Error('the empty bundle was not measured');
    return {
      benchmark: 'lib-load',
      unit: 'milliseconds from before to after require(<esbuild bundle>) in a fresh node -e process',
      runs,
      esbuild: LAMBDA_ESBUILD_OPTIONS,
      floor,
      results: libs,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const report = await benchLibLoad();
  console.log(`lib load time in a fresh process — ${report.runs} runs each, node ${process.version}`);
  console.table(
    Object.fromEntries(
      [report.floor, ...report.results].map((result) => [
        result.name,
        {
          'p50 ms': result.msToRequire.p50,
          'min ms': result.msToRequire.min,
          'max ms': result.msToRequire.max,
          'bundle bytes': result.bundleBytes,
        },
      ]),
    ),
  );
  const file = join(workspaceRoot, 'reports', 'bench', 'lib-load.json');
  mkdirSync(join(workspaceRoot, 'reports', 'bench'), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ ...report, node: process.version, date: new Date().toISOString() }, null, 2)}\n`,
  );
  console.log(`written: ${relative(process.cwd(), file) || file}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
