import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestingError } from '../errors';
import {
  bundleFunction,
  type FunctionBundle,
  type ServiceFunction,
  serviceFunctions,
} from './service-bundles';

/** No function's bundle may be larger, whatever its budget says (ADR-010). */
export const BUNDLE_CEILING_BYTES = 600_000;

/** One function's budget: how many bytes its bundle may have, who set that and why. */
export interface BundleBudgetEntry {
  bytes: number;
  by: string;
  why: string;
  /** Why this function may exceed {@link BUNDLE_CEILING_BYTES}; a budget above it needs one. */
  aboveCeiling?: string;
}

/** `bundle-budget.json` of a service folder. */
interface BundleBudget {
  functions: Record<string, BundleBudgetEntry>;
}

/**
 * Reads `<serviceDir>/bundle-budget.json`.
 *
 * @example
 * readBundleBudget('apps/catalog').functions['getProduct']?.bytes;
 */
export function readBundleBudget(serviceDir: string): BundleBudget {
  const file = join(serviceDir, 'bundle-budget.json');
  if (!existsSync(file)) {
    throw new TestingError(
      `${file} is missing: every service keeps one budget per function (copy one from another service)`,
    );
  }
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<BundleBudget>;
  return { functions: parsed.functions ?? {} };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/**
 * Bundles `fn` and compares it with its budget: `undefined` when it fits, else what to tell its
 * owner — the figures, the largest inputs, and how to go on.
 *
 * @example
 * const [fn] = serviceFunctions('apps/catalog');
 * const entry = readBundleBudget('apps/catalog').functions['health'];
 * if (fn && entry) await bundleOverBudget('apps/catalog', fn, entry); // undefined when it fits
 */
export async function bundleOverBudget(
  serviceDir: string,
  fn: ServiceFunction,
  budget: BundleBudgetEntry,
): Promise<string | undefined> {
  const bundle: FunctionBundle = await bundleFunction(serviceDir, fn.entry);
  if (bundle.bytes <= budget.bytes) return undefined;
  const largest = bundle.inputs
    .slice(0, 8)
    .map((input) => `  ${kb(input.bytes).padStart(9)}  ${input.from}`)
    .join('\n');
  return (
    `${fn.name}: the bundle is ${bundle.bytes} B, over its budget of ${budget.bytes} B ` +
    `(set by ${budget.by}: ${budget.why}).\nLargest inputs:\n${largest}\n` +
    'Trim what the function imports, or raise the budget in bundle-budget.json with your name and the reason ' +
    `(above ${BUNDLE_CEILING_BYTES} B, also say why in aboveCeiling).`
  );
}

/**
 * Declares a service's bundle-budget tests: every function of its `serverless.yml` has a budget
 * in `bundle-budget.json` that says who set it and why and stays within
 * {@link BUNDLE_CEILING_BYTES}, and each function, bundled with the services' esbuild options,
 * fits its budget. Bytes come from esbuild's metafile, so the test is deterministic.
 *
 * @example
 * describeBundleBudget({ serviceDir: join(__dirname, '..') });
 */
export function describeBundleBudget(options: { serviceDir: string }): void {
  const { serviceDir } = options;
  const functions = serviceFunctions(serviceDir);
  const budget = readBundleBudget(serviceDir);

  describe('bundle budgets (bundle-budget.json, esbuild metafile bytes)', () => {
    it('gives every function a budget and names no other', () => {
      expect(Object.keys(budget.functions).sort()).toEqual(functions.map((fn) => fn.name).sort());
    });

    it(`keeps every budget within the platform ceiling of ${BUNDLE_CEILING_BYTES} B unless it says why not, each saying who set it and why`, () => {
      const faults = Object.entries(budget.functions).flatMap(([name, entry]) => [
        ...(Number.isInteger(entry.bytes) && entry.bytes > 0
          ? []
          : [`${name}: bytes must be a positive integer`]),
        ...(entry.bytes > BUNDLE_CEILING_BYTES && !entry.aboveCeiling?.trim()
          ? [`${name}: ${entry.bytes} B is above the ceiling; say why in aboveCeiling, or trim the function`]
          : []),
        ...(entry.by?.trim() ? [] : [`${name}: no "by" (who set the budget)`]),
        ...(entry.why?.trim() ? [] : [`${name}: no "why"`]),
      ]);
      expect(faults).toEqual([]);
    });

    it.each(functions.map((fn) => [fn.name, fn] as const))(
      '%s bundles within its budget',
      async (name, fn) => {
        const entry = budget.functions[name];
        if (!entry) throw new TestingError(`${name} has no budget in bundle-budget.json`);
        expect(await bundleOverBudget(serviceDir, fn, entry)).toBeUndefined();
      },
      60_000,
    );
  });
}
