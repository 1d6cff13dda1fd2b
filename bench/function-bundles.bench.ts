// Each packaged function's size and the time its bundle takes to load in a fresh process.
//
//   npx tsx bench/function-bundles.bench.ts [--stage dev] [--services catalog,orders]
//
// Reads what `make build` wrote: dist/<service>/<stage>/<function>.zip and the CloudFormation
// template beside it. Each zip is unpacked into a temporary folder; a fresh `node -e` then times
// require(<handler file>) with performance.now(), with the function's environment from the template
// (plain values as written, anything CloudFormation resolves at deploy time replaced by a
// placeholder), dummy AWS credentials and AWS_REGION, as Lambda's init would load it — node's own
// start-up excluded. One untimed run per function (file cache), then BENCH_LOAD_RUNS (10), the
// functions taking turns. Prints a table, writes reports/bench/function-bundles.json.
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
import JSZip from 'jszip';
import { loadRunsFromEnv, timeRequire } from './fresh-require';
import { summarise } from './statistics';

const workspaceRoot = join(__dirname, '..');
const HELP = `Usage: npx tsx bench/function-bundles.bench.ts [--stage <stage>] [--services <a,b>]

Times require() of every packaged function's handler in a fresh node, and reports each zip's size.
Needs \`make build\` (or \`make build STAGE=<stage>\`) first.

Options:
  --stage <stage>      the packaged stage to read from dist/<service>/<stage> (default dev)
  --services <a,b>     only these services (default: every folder of dist/)
  -h, --help           print this help

Environment: BENCH_LOAD_RUNS (10) timed runs per function.
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

/** One function's figures. */
interface FunctionBundleResult {
  service: string;
  function: string;
  zipBytes: number;
  /** The handler file's size, unpacked. */
  bundleBytes: number;
  runs: number;
  msToRequire: { p50: number; min: number; max: number; mean: number };
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
      environment[name] = typeof value === 'string' ? value : 'resolved-at-deploy';
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

/**
 * Unpacks every packaged function of `stage` and times require() of its handler in fresh processes.
 *
 * @example
 * const results = await benchFunctionBundles('dev', ['catalog']);
 */
async function benchFunctionBundles(
  stage: string,
  services: readonly string[] | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<FunctionBundleResult[]> {
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

  const runs = loadRunsFromEnv(env);
  const workDir = mkdtempSync(join(tmpdir(), 'function-bundles-bench-'));
  try {
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
      targets.push({ fn, file, exportName: fn.handler.slice(exportAt + 1), env: childEnv });
    }
    for (const target of targets)
      timeRequire(target.file, { cwd: dirname(target.file), env: target.env, exportName: target.exportName });
    const samples = targets.map(() => [] as number[]);
    for (let run = 0; run < runs; run += 1) {
      process.stderr.write(`run ${run + 1}/${runs}\n`);
      targets.forEach((target, index) =>
        samples[index]?.push(
          timeRequire(target.file, {
            cwd: dirname(target.file),
            env: target.env,
            exportName: target.exportName,
          }),
        ),
      );
    }
    return targets.map((target, index) => {
      const { p50, min, max, mean } = summarise(samples[index] ?? []);
      return {
        service: target.fn.service,
        function: target.fn.name,
        zipBytes: statSync(target.fn.zip).size,
        bundleBytes: statSync(target.file).size,
        runs,
        msToRequire: { p50, min, max, mean },
      };
    });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stage: { type: 'string', default: 'dev' },
      services: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const services = values.services?.split(',').filter((name) => name !== '');
  const results = await benchFunctionBundles(values.stage, services);
  console.log(
    `packaged functions (stage ${values.stage}) — require() in a fresh node, node ${process.version}`,
  );
  console.table(
    Object.fromEntries(
      results.map((result) => [
        `${result.service}/${result.function}`,
        {
          'zip bytes': result.zipBytes,
          'bundle bytes': result.bundleBytes,
          'p50 ms': result.msToRequire.p50,
          'min ms': result.msToRequire.min,
          'max ms': result.msToRequire.max,
        },
      ]),
    ),
  );
  const file = join(workspaceRoot, 'reports', 'bench', 'function-bundles.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        benchmark: 'function-bundles',
        unit: 'milliseconds from before to after require(<handler file>) in a fresh node -e process',
        stage: values.stage,
        node: process.version,
        date: new Date().toISOString(),
        results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written: ${relative(process.cwd(), file) || file}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
