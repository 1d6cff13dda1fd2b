import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  esbuildWatchSettings,
  globRoot,
  globToRegExp,
  isWatchedSource,
  watchService,
  type EsbuildWatchSettings,
} from '../src/service-watch';

/** The watch-related part of a service config as `serverless print` resolves it here. */
function printedConfig(overrides: { chokidar?: unknown; patterns?: string[] } = {}): unknown {
  return {
    package: { individually: true, patterns: overrides.patterns ?? ['!**'] },
    custom: {
      esbuild: {
        watch: {
          pattern: ['src/**/*.ts', '../../libs/*/src/**/*.ts'],
          ignore: ['.esbuild', 'dist', 'node_modules', '.serverless'],
          ...(overrides.chokidar === undefined ? {} : { chokidar: overrides.chokidar }),
        },
      },
    },
    functions: { health: { handler: 'src/handlers/health.handler' } },
  };
}

describe('esbuildWatchSettings', () => {
  it("sees that package.patterns '!**' blinds serverless-esbuild's watcher", () => {
    const settings = esbuildWatchSettings(printedConfig(), '/repo/apps/catalog');
    expect(settings).toEqual({
      patterns: ['src/**/*.ts', '../../libs/*/src/**/*.ts'],
      ignore: ['.esbuild', 'dist', 'node_modules', '.serverless'],
      blindBecause: "package.patterns '!**' hides every file from serverless-esbuild's watcher",
      buildDir: '/repo/apps/catalog/.esbuild/.build',
    });
  });

  it('trusts the watcher when chokidar.ignored replaces that list, or nothing excludes everything', () => {
    const fixed = printedConfig({ chokidar: { ignored: ['**/.esbuild/**'] } });
    expect(esbuildWatchSettings(fixed, '/s').blindBecause).toBeUndefined();
    expect(
      esbuildWatchSettings(printedConfig({ patterns: ['!tests/**'] }), '/s').blindBecause,
    ).toBeUndefined();
  });

  it("falls back to serverless-esbuild's defaults", () => {
    const settings = esbuildWatchSettings(
      { custom: { esbuild: { outputWorkFolder: '.eb', outputBuildFolder: 'out' } } },
      '/s',
    );
    expect(settings).toMatchObject({
      patterns: ['./**/*.(js|ts)'],
      ignore: [],
      blindBecause: undefined,
      buildDir: '/s/.eb/out',
    });
  });
});

describe('globs', () => {
  it.each([
    ['src/**/*.ts', 'src/handlers/health.ts', true],
    ['src/**/*.ts', 'src/health.ts', true],
    ['src/**/*.ts', 'tests/health.ts', false],
    ['src/**/*.ts', 'src/handlers/health.js', false],
    ['../../libs/*/src/**/*.ts', '../../libs/http/src/middleware/x.ts', true],
    ['../../libs/*/src/**/*.ts', '../../libs/http/tests/x.ts', false],
    ['./**/*.(js|ts)', 'a/b.js', true],
    ['src/*.{ts,mts}', 'src/a.mts', true],
    ['src/?.ts', 'src/ab.ts', false],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });

  it('finds the folder to watch for a glob', () => {
    expect(globRoot('src/**/*.ts', '/repo/apps/catalog')).toBe('/repo/apps/catalog/src');
    expect(globRoot('../../libs/*/src/**/*.ts', '/repo/apps/catalog')).toBe('/repo/libs');
    expect(globRoot('./**/*.ts', '/s')).toBe('/s');
  });

  it('keeps ignored folders and node_modules out', () => {
    const settings: EsbuildWatchSettings = {
      patterns: ['./**/*.ts'],
      ignore: ['.esbuild', 'dist/**'],
      blindBecause: 'x',
      buildDir: '/s/.esbuild/.build',
    };
    expect(isWatchedSource('/s/src/a.ts', '/s', settings)).toBe(true);
    expect(isWatchedSource('/s/.esbuild/.build/a.ts', '/s', settings)).toBe(false);
    expect(isWatchedSource('/s/dist/a.ts', '/s', settings)).toBe(false);
    expect(isWatchedSource('/s/node_modules/x/a.ts', '/s', settings)).toBe(false);
  });
});

describe('watchService', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'svc-'));
    mkdirSync(join(dir, 'src', 'handlers'), { recursive: true });
    mkdirSync(join(dir, '.esbuild', '.build'), { recursive: true });
    writeFileSync(join(dir, 'src', 'handlers', 'health.ts'), 'export const a = 1;\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function settingsFor(blind: boolean): EsbuildWatchSettings {
    return {
      patterns: ['src/**/*.ts'],
      ignore: [],
      blindBecause: blind ? 'blind' : undefined,
      buildDir: join(dir, '.esbuild', '.build'),
    };
  }

  it('says a source changed, once per burst of changes, when the watcher is blind', async () => {
    const reasons: string[] = [];
    const watch = watchService(dir, settingsFor(true), (reason, kind) => reasons.push(`${kind}: ${reason}`));
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      writeFileSync(join(dir, 'src', 'handlers', 'health.ts'), 'export const a = 2;\n');
      writeFileSync(join(dir, 'src', 'handlers', 'health.ts'), 'export const a = 3;\n');
      writeFileSync(join(dir, 'src', 'notes.md'), 'not a source\n');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(reasons).toEqual([`source: ${join('src', 'handlers', 'health.ts')} changed`]);
    } finally {
      watch.close();
    }
  });

  it('leaves source changes to serverless-esbuild when its watcher works', async () => {
    const reasons: string[] = [];
    const watch = watchService(dir, settingsFor(false), (reason, kind) => reasons.push(`${kind}: ${reason}`));
    try {
      writeFileSync(join(dir, 'src', 'handlers', 'health.ts'), 'export const a = 2;\n');
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(reasons).toEqual([]);
    } finally {
      watch.close();
    }
  });

  it('says the build folder was removed when two polls in a row miss it', async () => {
    const reasons: string[] = [];
    const watch = watchService(dir, settingsFor(false), (reason, kind) => reasons.push(`${kind}: ${reason}`));
    try {
      rmSync(join(dir, '.esbuild'), { recursive: true });
      await new Promise((resolve) => setTimeout(resolve, 4_600));
      expect(reasons).toEqual([
        `build-folder: its build folder ${join('.esbuild', '.build')} was removed (a serverless package in this checkout?)`,
      ]);
    } finally {
      watch.close();
    }
  });
});
