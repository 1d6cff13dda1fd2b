// Cold start of every packaged function against a floor, in one run.
//
//   npx tsx bench/cold-start.bench.ts [--stage prod] [--services catalog,orders]
//
// Reads what `make build` wrote: dist/<service>/<stage>/<function>.zip and the CloudFormation
// template beside it. Each zip is unpacked into a temporary folder. The floor is a handler that does
// one DocumentClient GetCommand (bench/floor/get-item.ts), bundled with the services' own esbuild
// options (serverless/service-defaults.yml). A fresh `node -e` times require(<handler file>) with
// performance.now(), with the function's environment from the template (values CloudFormation
// resolves at deploy time replaced by a placeholder), dummy AWS credentials and AWS_REGION, as
// Lambda's init would load it — node's own start-up excluded. After one untimed run each, every
// function is timed BENCH_PAIRED_RUNS (15, at least 11) times, each time paired with a floor run in
// alternating order; the figure is the median of the per-pair ratios function/floor.
// Prints a table, writes reports/bench/cold-start.json and reports/bench/cold-start.md.
// A benchmark, not a test: it reports figures and asserts nothing.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLE_CEILING_BYTES, serviceEsbuildOptions } from '@platform/testing/bundle';
import { build } from 'esbuild';
import JSZip from 'jszip';
import { timeRequire } from './fresh-require';
import { summarise } from './statistics';

const workspaceRoot = join(__dirname, '..');
/** The goal: a function loads in at most this many times the floor's time. */
const RATIO_GOAL = 1.2;
const HELP = `Usage: npx tsx bench/cold-start.bench.ts [--stage <stage>] [--services <a,b>]

Times require() of every packaged function's handler in a fresh node, paired with a floor handler
(one DocumentClient GetCommand, bundled with the services' esbuild options), and reports bundle
bytes, floor bytes and the median ratio. Needs \`make build STAGE=<stage>\` first.

Options:
  --stage <stage>      the packaged stage to read from dist/<service>/<stage> (default prod)
  --services <a,b>     only these services (default: every folder of dist/)
  -h, --help           print this help

Environment: BENCH_PAIRED_RUNS (15, at least 11) timed pairs per function.
`;

/** One function as packaged: its zip, handler and environment. */
interface PackagedFunction {
  service: string;
  name: string;
  zip: string;
  /** `src/handlers/health.handler` */
  handler: string;
  environment: Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The functions of one packaged service, from its CloudFormation template. */
function packagedFunctions(service: string, dir: string): PackagedFunction[] {
  const templatePath = join(dir, 'cloudformation-template-update-stack.json');
  const template: unknown = JSON.parse(readFileSync(templatePath, 'utf8'));
  const resources = isRecord(template) && isRecord(template['Resources']) ? template['Resources'] : {};
  const functions: PackagedFunction[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || resource['Type'] !== 'AWS::Lambda::Function') continue;
    const properties = isRecord(resource['Properties']) ? resource['Properties'] : {};
    const handler = properties['Handler'];
    const code = isRecord(properties['Code']) ? properties['Code'] : {};
    const key = code['S3Key'];
    if (typeof handler !== 'string') continue;
    // The S3 key ends with the zip's name; the function's name is the zip's, without `.zip`.
    const zipName = typeof key === 'string' ? key.split('/').pop() : undefined;
    if (!zipName || !existsSync(join(dir, zipName))) {
      throw new Error(`${relative(workspaceRoot, templatePath)}: no zip found for ${logicalId}`);
    }
    const variables = isRecord(properties['Environment'])
      ? properties['Environment']['Variables']
      : undefined;
    const environment: Record<string, string> = {};
    for (const [name, value] of Object.entries(isRecord(variables) ? variables : {})) {
      // A value CloudFormation resolves at deploy time (a Ref, an SSM parameter) becomes a placeholder
      // every variable accepts, URLs included.
      environment[name] = typeof value === 'string' ? value : 'https://resolved-at-deploy.invalid/';
    }
    functions.push({
      service,
      name: zipName.replace(/\.zip$/, ''),
      zip: join(dir, zipName),
      handler,
      environment,
    });
  }
  return functions;
}

/** Unpacks a zip into `target`. */
async function unzip(zipPath: string, target: string): Promise<void> {
  const archive = await JSZip.loadAsync(readFileSync(zipPath));
  for (const entry of Object.values(archive.files)) {
    if (entry.dir) continue;
    const path = join(target, entry.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await entry.async('nodebuffer'));
  }
}

/** One function's figures against the floor. */
interface ColdStartResult {
  service: string;
  function: string;
  zipBytes: number;
  /** The handler file's size, unpacked. */
  bundleBytes: number;
  floorBytes: number;
  pairs: number;
  /** Median over the pairs of function ms / floor ms. */
  medianRatio: number;
  /**
   * The same against the stock floor: the floor bundled without the services' `alias` stand-ins, so
   * with the AWS SDK as published (its full credential chain). Shows what the stand-ins save.
   */
  stockFloorBytes: number;
  medianRatioToStockFloor: number;
  msToRequire: { p50: number; min: number; max: number };
  floorMsToRequire: { p50: number; min: number; max: number };
  withinRatioGoal: boolean;
  withinByteCeiling: boolean;
}

/** `BENCH_PAIRED_RUNS`: timed pairs per function (15 by default, at least 11). */
function pairedRunsFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env['BENCH_PAIRED_RUNS'];
  if (raw === undefined || raw === '') return 15;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 11)
    throw new Error(`BENCH_PAIRED_RUNS must be an integer of at least 11, not ${raw}`);
  return runs;
}

/** The middle value of the samples (the mean of the two middle ones for an even count). */
function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? NaN)
      : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
  return Math.round(value * 1000) / 1000;
}

/**
 * Bundles the floor handler into `dir` with the services' esbuild options (`stock`: without their
 * `alias` stand-ins); returns its file.
 */
async function buildFloor(dir: string, stock: boolean): Promise<string> {
  const outfile = join(dir, stock ? 'stock-floor' : 'floor', 'get-item.js');
  const { alias, ...options } = serviceEsbuildOptions(workspaceRoot);
  await build({
    ...options,
    ...(stock ? {} : { alias }),
    entryPoints: [join(workspaceRoot, 'bench', 'floor', 'get-item.ts')],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/**
 * Unpacks every packaged function of `stage`, builds the floor, and times require() of each in
 * fresh processes, paired with the floor.
 *
 * @example
 * const results = await benchColdStart('prod', ['catalog']);
 */
async function benchColdStart(
  stage: string,
  services: readonly string[] | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ColdStartResult[]> {
  const dist = join(workspaceRoot, 'dist');
  const chosen = services ?? (existsSync(dist) ? readdirSync(dist).sort() : []);
  const functions = chosen.flatMap((service) => {
    const dir = join(dist, service, stage);
    if (!existsSync(join(dir, 'cloudformation-template-update-stack.json'))) {
      throw new Error(
        `${relative(workspaceRoot, dir)} holds no package: run \`make build STAGE=${stage}\` first`,
      );
    }
    return packagedFunctions(service, dir);
  });
  if (functions.length === 0)
    throw new Error(`no packaged service in dist/: run \`make build STAGE=${stage}\` first`);

  const pairs = pairedRunsFromEnv(env);
  const workDir = mkdtempSync(join(tmpdir(), 'cold-start-bench-'));
  try {
    const floorFile = await buildFloor(workDir, false);
    const stockFloorFile = await buildFloor(workDir, true);
    const floorEnv: NodeJS.ProcessEnv = {
      PATH: env['PATH'],
      TABLE_NAME: 'floor',
      AWS_REGION: env['AWS_REGION'] ?? 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_LAMBDA_FUNCTION_NAME: 'floor',
    };
    const floor = { file: floorFile, cwd: dirname(floorFile), env: floorEnv, exportName: 'handler' };
    const stockFloor = { ...floor, file: stockFloorFile, cwd: dirname(stockFloorFile) };
    const targets = [];
    for (const fn of functions) {
      const dir = join(workDir, fn.service, fn.name);
      process.stderr.write(`unpacking ${fn.service}/${fn.name}.zip\n`);
      await unzip(fn.zip, dir);
      const exportAt = fn.handler.lastIndexOf('.');
      const file = join(dir, `${fn.handler.slice(0, exportAt)}.js`);
      const childEnv: NodeJS.ProcessEnv = {
        PATH: env['PATH'],
        ...fn.environment,
        AWS_REGION: env['AWS_REGION'] ?? 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_LAMBDA_FUNCTION_NAME: `${fn.service}-${fn.name}`,
      };
      targets.push({
        fn,
        file,
        cwd: dirname(file),
        env: childEnv,
        exportName: fn.handler.slice(exportAt + 1),
      });
    }
    const time = (target: { file: string; cwd: string; env: NodeJS.ProcessEnv; exportName: string }) =>
      timeRequire(target.file, { cwd: target.cwd, env: target.env, exportName: target.exportName });
    time(floor);
    time(stockFloor);
    for (const target of targets) time(target);
    const samples = targets.map(() => ({
      fn: [] as number[],
      floor: [] as number[],
      ratios: [] as number[],
      stockRatios: [] as number[],
    }));
    for (let run = 0; run < pairs; run += 1) {
      process.stderr.write(`pair ${run + 1}/${pairs}\n`);
      targets.forEach((target, index) => {
        const floorFirst = run % 2 === 0;
        const floorMs = floorFirst ? time(floor) : NaN;
        const fnMs = time(target);
        const pairedFloorMs = floorFirst ? floorMs : time(floor);
        const stockFloorMs = time(stockFloor);
        const sample = samples[index];
        sample?.fn.push(fnMs);
        sample?.floor.push(pairedFloorMs);
        sample?.ratios.push(fnMs / pairedFloorMs);
        sample?.stockRatios.push(fnMs / stockFloorMs);
      });
    }
    const floorBytes = statSync(floorFile).size;
    const stockFloorBytes = statSync(stockFloorFile).size;
    return targets.map((target, index) => {
      const sample = samples[index] ?? { fn: [], floor: [], ratios: [], stockRatios: [] };
      const fnSummary = summarise(sample.fn);
      const floorSummary = summarise(sample.floor);
      const bundleBytes = statSync(target.file).size;
      const medianRatio = median(sample.ratios);
      return {
        service: target.fn.service,
        function: target.fn.name,
        zipBytes: statSync(target.fn.zip).size,
        bundleBytes,
        floorBytes,
        pairs,
        medianRatio,
        stockFloorBytes,
        medianRatioToStockFloor: median(sample.stockRatios),
        msToRequire: { p50: fnSummary.p50, min: fnSummary.min, max: fnSummary.max },
        floorMsToRequire: { p50: floorSummary.p50, min: floorSummary.min, max: floorSummary.max },
        withinRatioGoal: medianRatio <= RATIO_GOAL,
        withinByteCeiling: bundleBytes <= BUNDLE_CEILING_BYTES,
      };
    });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The Markdown summary: one row per function, then how many meet each goal. */
function markdownSummary(stage: string, results: readonly ColdStartResult[]): string {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
  const rows = results.map(
    (result) =>
      `| ${result.service}/${result.function} | ${kb(result.bundleBytes)} | ${kb(result.floorBytes)} | ${result.msToRequire.p50} | ${result.floorMsToRequire.p50} | ${result.medianRatio.toFixed(2)}× | ${result.medianRatioToStockFloor.toFixed(2)}× | ${result.withinRatioGoal ? 'yes' : 'no'} | ${result.withinByteCeiling ? 'yes' : 'no'} |`,
  );
  const ratioOk = results.filter((result) => result.withinRatioGoal).length;
  const bytesOk = results.filter((result) => result.withinByteCeiling).length;
  return [
    `# Cold start, stage ${stage} (node ${process.version}, ${new Date().toISOString()})`,
    '',
    `Fresh-process \`require()\` of each packaged function, paired with the floor (one DocumentClient GetCommand, the services' esbuild options); median of ${results[0]?.pairs ?? 0} paired ratios. The stock floor is the same handler without the services' \`alias\` stand-ins (${((results[0]?.stockFloorBytes ?? 0) / 1000).toFixed(1)} KB).`,
    '',
    `| function | bundle | floor | p50 ms | floor p50 ms | median ratio | ratio to stock floor | ≤ ${RATIO_GOAL}× | ≤ ${BUNDLE_CEILING_BYTES / 1000} KB |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `${ratioOk} of ${results.length} functions within ${RATIO_GOAL}× the floor; ${bytesOk} of ${results.length} within ${BUNDLE_CEILING_BYTES / 1000} KB.`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stage: { type: 'string', default: 'prod' },
      services: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const services = values.services?.split(',').filter((name) => name !== '');
  const results = await benchColdStart(values.stage, services);
  console.log(
    `cold start (stage ${values.stage}): require() in a fresh node ${process.version}, paired with the floor`,
  );
  console.table(
    Object.fromEntries(
      results.map((result) => [
        `${result.service}/${result.function}`,
        {
          'bundle bytes': result.bundleBytes,
          'floor bytes': result.floorBytes,
          'p50 ms': result.msToRequire.p50,
          'floor p50 ms': result.floorMsToRequire.p50,
          'median ratio': result.medianRatio,
          'to stock floor': result.medianRatioToStockFloor,
          [`≤ ${RATIO_GOAL}×`]: result.withinRatioGoal,
          [`≤ ${BUNDLE_CEILING_BYTES} B`]: result.withinByteCeiling,
        },
      ]),
    ),
  );
  const dir = join(workspaceRoot, 'reports', 'bench');
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'cold-start.json');
  writeFileSync(
    json,
    `${JSON.stringify(
      {
        benchmark: 'cold-start',
        unit: 'milliseconds from before to after require(<handler file>) in a fresh node -e process; ratio = function / floor, paired',
        goals: { ratio: RATIO_GOAL, bundleBytes: BUNDLE_CEILING_BYTES },
        stage: values.stage,
        node: process.version,
        date: new Date().toISOString(),
        results,
      },
      null,
      2,
    )}\n`,
  );
  const markdown = join(dir, 'cold-start.md');
  writeFileSync(markdown, markdownSummary(values.stage, results));
  console.log(
    `written: ${relative(process.cwd(), json) || json}, ${relative(process.cwd(), markdown) || markdown}`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
