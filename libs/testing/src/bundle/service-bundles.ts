import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { parse } from 'yaml';
import { TestingError } from '../errors';
import { readServerlessConfig } from '../serverless/serverless-config';

const WORKSPACE_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** A function of a service and the TypeScript file its handler lives in. */
export interface ServiceFunction {
  name: string;
  /** `src/handlers/get-product.handler` */
  handler: string;
  /** Absolute path of the handler's source file. */
  entry: string;
}

/** What esbuild wrote for one function, from its metafile. */
export interface FunctionBundle {
  bytes: number;
  /** Output bytes by package (`zod`, `@aws-sdk/client-ssm`) or workspace folder (`libs/http`), largest first. */
  inputs: Array<{ from: string; bytes: number }>;
}

/** The esbuild options serverless-esbuild does not pass on to esbuild. */
const PLUGIN_ONLY_OPTIONS = new Set([
  'concurrency',
  'zipConcurrency',
  'exclude',
  'nativeZip',
  'packager',
  'packagePath',
  'watch',
  'keepOutputDirectory',
  'packagerOptions',
  'installExtraArgs',
  'outputFileExtension',
  'outputBuildFolder',
  'outputWorkFolder',
  'nodeExternals',
  'skipBuild',
  'skipRebuild',
  'skipBuildExcludeFns',
  'stripEntryResolveExtensions',
  'disposeContext',
]);

/**
 * The esbuild options every service is packaged with: the `esbuild` block of
 * serverless/service-defaults.yml as serverless-esbuild hands it to esbuild (its own keys dropped,
 * `exclude` added to `external`, `alias` paths made absolute).
 *
 * @example
 * const options = serviceEsbuildOptions();
 * options.minify; // true
 */
export function serviceEsbuildOptions(workspaceRoot = WORKSPACE_ROOT): BuildOptions {
  const file = join(workspaceRoot, 'serverless', 'service-defaults.yml');
  const block = (parse(readFileSync(file, 'utf8')) as { esbuild?: Record<string, unknown> }).esbuild;
  if (!block) throw new TestingError(`${file} has no esbuild block`);
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(block)) if (!PLUGIN_ONLY_OPTIONS.has(key)) options[key] = value;
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
  options['external'] = [...list(block['external']), ...list(block['exclude'])];
  // Alias paths are relative to a service folder (apps/<service>, where serverless runs): made
  // absolute, the options bundle the same from anywhere.
  const alias = block['alias'];
  if (alias && typeof alias === 'object') {
    const serviceFolder = join(workspaceRoot, 'apps', 'service');
    options['alias'] = Object.fromEntries(
      Object.entries(alias).map(([name, target]) => [
        name,
        String(target).startsWith('.') ? resolve(serviceFolder, String(target)) : String(target),
      ]),
    );
  }
  return options as BuildOptions;
}

/**
 * The functions a `serverless.yml` declares, with their handlers' source files.
 *
 * @example
 * serviceFunctions('apps/catalog').map((fn) => fn.name); // ['health', 'putProduct', …]
 */
export function serviceFunctions(serviceDir: string): ServiceFunction[] {
  const config = readServerlessConfig(join(serviceDir, 'serverless.yml')) as {
    functions?: Record<string, { handler?: unknown }>;
  };
  return Object.entries(config.functions ?? {}).map(([name, fn]) => {
    const handler = String(fn.handler ?? '');
    const base = handler.slice(0, handler.lastIndexOf('.'));
    const entry = ['.ts', '.js']
      .map((extension) => resolve(serviceDir, `${base}${extension}`))
      .find(existsSync);
    if (!entry) throw new TestingError(`${serviceDir}: no source file for the handler ${handler} of ${name}`);
    return { name, handler, entry };
  });
}

/** The package (or workspace folder) a metafile input belongs to. */
function sourceOf(input: string): string {
  const inModules = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inModules?.[1]) return inModules[1];
  return input.split('/').slice(0, 2).join('/');
}

/**
 * Bundles one function as packaging does (the services' esbuild options, from its service folder)
 * without writing anything, and reads the output's bytes and where they come from off the metafile.
 * Bytes are deterministic for the same sources and options.
 *
 * @example
 * const [getProduct] = serviceFunctions('apps/catalog').filter((fn) => fn.name === 'getProduct');
 * if (getProduct) (await bundleFunction('apps/catalog', getProduct.entry)).bytes;
 */
export async function bundleFunction(
  serviceDir: string,
  entry: string,
  options: BuildOptions = serviceEsbuildOptions(),
): Promise<FunctionBundle> {
  const absoluteDir = resolve(serviceDir);
  const result = await build({
    ...options,
    absWorkingDir: absoluteDir,
    entryPoints: [entry],
    outfile: join(absoluteDir, '.bundle-budget', 'out.js'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = Object.values(result.metafile.outputs);
  if (!output) throw new TestingError(`esbuild wrote nothing for ${relative(absoluteDir, entry)}`);
  const bySource = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const source = sourceOf(relative(WORKSPACE_ROOT, resolve(absoluteDir, input)));
    bySource.set(source, (bySource.get(source) ?? 0) + bytesInOutput);
  }
  return {
    bytes: output.bytes,
    inputs: [...bySource]
      .map(([from, bytes]) => ({ from, bytes }))
      .sort((a, b) => b.bytes - a.bytes || a.from.localeCompare(b.from)),
  };
}
