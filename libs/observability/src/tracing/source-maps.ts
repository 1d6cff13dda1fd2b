/** The parts of the running process that say whether Node resolves stack traces through source maps. */
export interface SourceMapSettings {
  execArgv: readonly string[];
  nodeOptions: string | undefined;
  /** `process.sourceMapsEnabled` (Node ≥ 20.7): also true after `process.setSourceMapsEnabled(true)`. */
  sourceMapsEnabled: boolean | undefined;
}

const FLAG = '--enable-source-maps';

/** This process's settings. */
function currentSettings(): SourceMapSettings {
  return {
    execArgv: process.execArgv,
    nodeOptions: process.env['NODE_OPTIONS'],
    sourceMapsEnabled: process.sourceMapsEnabled,
  };
}

/**
 * Whether source maps are on at runtime: `--enable-source-maps` on the command line or in
 * `NODE_OPTIONS`, or enabled programmatically.
 */
export function sourceMapsEnabled(settings: SourceMapSettings = currentSettings()): boolean {
  const inOptions = (settings.nodeOptions ?? '').split(/\s+/).includes(FLAG);
  return settings.execArgv.includes(FLAG) || inOptions || settings.sourceMapsEnabled === true;
}
