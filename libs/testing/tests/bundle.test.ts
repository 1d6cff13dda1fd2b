import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BUNDLE_CEILING_BYTES,
  bundleFunction,
  bundleOverBudget,
  describeBundleBudget,
  readBundleBudget,
  serviceEsbuildOptions,
  serviceFunctions,
} from '../src/bundle';

const serviceDir = join(__dirname, 'fixtures', 'bundle-service');

describe('serviceEsbuildOptions', () => {
  it("hands esbuild the esbuild block of service-defaults.yml without serverless-esbuild's own keys, exclude as external", () => {
    const options = serviceEsbuildOptions() as Record<string, unknown>;
    expect(options).toMatchObject({ bundle: true, minify: true, platform: 'node', format: 'cjs' });
    for (const key of ['exclude', 'packager', 'watch', 'outputWorkFolder'])
      expect(options).not.toHaveProperty(key);
    expect(options['external']).toEqual(['@aws-sdk/client-ssm']);
  });
});

describe('serviceFunctions', () => {
  it("lists a serverless.yml's functions with their handlers' source files", () => {
    expect(serviceFunctions(serviceDir)).toEqual([
      {
        name: 'hello',
        handler: 'src/handlers/hello.handler',
        entry: join(serviceDir, 'src/handlers/hello.ts'),
      },
      {
        name: 'heavy',
        handler: 'src/handlers/heavy.handler',
        entry: join(serviceDir, 'src/handlers/heavy.ts'),
      },
    ]);
  });

  it('says which handler has no source file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-service-'));
    try {
      writeFileSync(join(dir, 'serverless.yml'), 'functions:\n  gone:\n    handler: src/gone.handler\n');
      expect(() => serviceFunctions(dir)).toThrow(
        /no source file for the handler src\/gone\.handler of gone/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bundleFunction', () => {
  it('reads the bundle bytes and where they come from off the metafile, the same bytes every time', async () => {
    const [, heavy] = serviceFunctions(serviceDir);
    const first = await bundleFunction(serviceDir, heavy!.entry);
    const second = await bundleFunction(serviceDir, heavy!.entry);
    expect(first.bytes).toBe(second.bytes);
    expect(first.inputs[0]?.from).toBe('zod');
    expect(first.inputs.map((input) => input.from)).toContain('libs/testing');
    expect(first.inputs.reduce((sum, input) => sum + input.bytes, 0)).toBeLessThanOrEqual(first.bytes);
  });
});

describe('bundleOverBudget', () => {
  it('answers nothing for a bundle within its budget, and the figures and largest inputs for one over it', async () => {
    const [hello, heavy] = serviceFunctions(serviceDir);
    const entry = { bytes: 1000, by: 'ann', why: 'tiny' };
    expect(await bundleOverBudget(serviceDir, hello!, entry)).toBeUndefined();
    const message = await bundleOverBudget(serviceDir, heavy!, entry);
    expect(message).toMatch(/^heavy: the bundle is \d+ B, over its budget of 1000 B \(set by ann: tiny\)\./);
    expect(message).toMatch(/Largest inputs:\n +[\d.]+ KB {2}zod\n/);
    expect(message).toContain(`above ${BUNDLE_CEILING_BYTES} B, also say why in aboveCeiling`);
  });
});

describe('readBundleBudget', () => {
  it('reads the budgets, and says how to start when a service has none', () => {
    expect(Object.keys(readBundleBudget(serviceDir).functions)).toEqual(['hello', 'heavy']);
    expect(() => readBundleBudget(join(serviceDir, 'src'))).toThrow(/bundle-budget\.json is missing/);
  });
});

describe('describeBundleBudget on a fixture service', () => {
  describeBundleBudget({ serviceDir });
});
