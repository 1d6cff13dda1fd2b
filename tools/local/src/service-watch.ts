import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/** serverless-esbuild's defaults (its `watch.pattern`, `outputWorkFolder`, `outputBuildFolder`). */
const DEFAULT_WATCH_PATTERN = './**/*.(js|ts)';
const DEFAULT_WORK_FOLDER = '.esbuild';
const DEFAULT_BUILD_FOLDER = '.build';
/** Patterns that exclude every file. */
const EVERYTHING = new Set(['**', '**/*', '*', './**', './**/*']);
/** Changes closer together than this make one restart. */
const DEBOUNCE_MS = 300;
/** How often the build folder is checked for being there. */
const BUILD_FOLDER_POLL_MS = 2000;

/** How serverless-esbuild rebuilds a service, read from its resolved (`serverless print`) config. */
export interface EsbuildWatchSettings {
  /** Globs of the sources it watches, relative to the service folder. */
  patterns: string[];
  /** Its `watch.ignore` entries. */
  ignore: string[];
  /** Why its watcher sees no file at all, when it does not (then the stack restarts the service instead). */
  blindBecause: string | undefined;
  /** Where it writes the bundles serverless-offline runs: `<service>/.esbuild/.build`. */
  buildDir: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is string => typeof item === 'string');
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

/**
 * Reads serverless-esbuild's watch settings from a resolved service config. serverless-esbuild adds
 * every `!pattern` of `package.patterns` (service and functions) to its watcher's ignore list, so a
 * `'!**'` there (which keeps the zip to the bundle alone) makes the watcher ignore every file, unless
 * `custom.esbuild.watch.chokidar.ignored` replaces that list: `blindBecause` says so.
 *
 * @example
 * declare const resolvedConfig: unknown; // as serverless-offline resolved it (LOCAL_STACK_CONFIG_FILE)
 * esbuildWatchSettings(resolvedConfig, '/repo/apps/catalog').blindBecause; // "package.patterns '!**' …"
 */
export function esbuildWatchSettings(config: unknown, serviceDir: string): EsbuildWatchSettings {
  const esbuild = at(config, 'custom', 'esbuild');
  const patterns = strings(at(esbuild, 'watch', 'pattern'));
  const excluded = [
    ...strings(at(config, 'package', 'patterns')),
    ...Object.values(
      isRecord(at(config, 'functions')) ? (at(config, 'functions') as Record<string, unknown>) : {},
    ).flatMap((fn) => strings(at(fn, 'package', 'patterns'))),
  ]
    .filter((pattern) => pattern.startsWith('!'))
    .map((pattern) => pattern.slice(1));
  const chokidarIgnored = at(esbuild, 'watch', 'chokidar', 'ignored');
  const everything = excluded.find((pattern) => EVERYTHING.has(pattern));
  const workFolder = at(esbuild, 'outputWorkFolder');
  const buildFolder = at(esbuild, 'outputBuildFolder');
  return {
    patterns: patterns.length > 0 ? patterns : [DEFAULT_WATCH_PATTERN],
    ignore: strings(at(esbuild, 'watch', 'ignore')),
    blindBecause:
      everything !== undefined && chokidarIgnored === undefined
        ? `package.patterns '!${everything}' hides every file from serverless-esbuild's watcher`
        : undefined,
    buildDir: join(
      serviceDir,
      typeof workFolder === 'string' ? workFolder : DEFAULT_WORK_FOLDER,
      typeof buildFolder === 'string' ? buildFolder : DEFAULT_BUILD_FOLDER,
    ),
  };
}

const GLOB_CHARS = /[*?[{(]/;

/**
 * A glob as a regular expression over `/`-separated relative paths: `**` any number of folders,
 * `*` and `?` within one segment, `{a,b}` and `(a|b)` alternatives.
 *
 * @example
 * globToRegExp('src/**\/*.ts').test('src/handlers/health.ts'); // true
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  const text = glob.replace(/^\.\//, '');
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (char === '*' && text[i + 1] === '*') {
      const slash = text[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      braces += 1;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces -= 1;
      source += ')';
    } else if (char === ',' && braces > 0) source += '|';
    else if (char === '(' || char === ')' || char === '|') source += char;
    else source += char.replace(/[.+^$\\[\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** The folder a glob's matches are all under: its segments before the first with a glob character. */
export function globRoot(glob: string, baseDir: string): string {
  const segments = glob.replace(/^\.\//, '').split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (GLOB_CHARS.test(segment)) break;
    fixed.push(segment);
  }
  return resolve(baseDir, ...fixed);
}

/** Whether a changed file (absolute path) is one the settings' patterns name and their ignore list does not. */
export function isWatchedSource(file: string, serviceDir: string, settings: EsbuildWatchSettings): boolean {
  const path = relative(serviceDir, file).split(sep).join('/');
  const segments = path.split('/');
  const ignored = settings.ignore.some((entry) =>
    GLOB_CHARS.test(entry) ? globToRegExp(entry).test(path) : segments.includes(entry),
  );
  if (ignored || segments.includes('node_modules')) return false;
  return settings.patterns.some((pattern) => globToRegExp(pattern).test(path));
}

/** What made a service's bundles stale: a source changed, or its build folder disappeared. */
export type StaleKind = 'source' | 'build-folder';

/** A running watch of one service; `close()` ends it. */
export interface ServiceWatch {
  close(): void;
}

/**
 * Watches what makes a service's running bundles stale, and says why a restart is needed:
 * - when serverless-esbuild's own watcher is blind (see {@link esbuildWatchSettings}), a change of
 *   any source it would watch (debounced);
 * - always, the build folder disappearing (a `serverless package` in the same checkout deletes
 *   `.esbuild` when it ends), seen on two polls in a row.
 */
export function watchService(
  serviceDir: string,
  settings: EsbuildWatchSettings,
  onStale: (reason: string, kind: StaleKind) => void,
  busy: () => boolean = () => false,
): ServiceWatch {
  const watchers: FSWatcher[] = [];
  let pending: NodeJS.Timeout | undefined;
  let changed: string | undefined;
  if (settings.blindBecause !== undefined) {
    const roots = [...new Set(settings.patterns.map((pattern) => globRoot(pattern, serviceDir)))];
    for (const root of roots) {
      if (!existsSync(root)) continue;
      const watcher = watch(root, { recursive: true }, (_event, name) => {
        if (name === null) return;
        const file = join(root, name.toString());
        if (!isWatchedSource(file, serviceDir, settings)) return;
        changed = relative(serviceDir, file);
        if (pending) clearTimeout(pending);
        pending = setTimeout(() => onStale(`${changed ?? 'a source'} changed`, 'source'), DEBOUNCE_MS);
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    }
  }
  let missingBefore = false;
  const poll = setInterval(() => {
    if (busy()) {
      missingBefore = false;
      return;
    }
    const missing = !existsSync(settings.buildDir);
    if (missing && missingBefore) {
      missingBefore = false;
      onStale(
        `its build folder ${relative(serviceDir, settings.buildDir)} was removed (a serverless package in this checkout?)`,
        'build-folder',
      );
      return;
    }
    missingBefore = missing;
  }, BUILD_FOLDER_POLL_MS);
  poll.unref();
  return {
    close() {
      clearInterval(poll);
      if (pending) clearTimeout(pending);
      for (const watcher of watchers) watcher.close();
    },
  };
}
