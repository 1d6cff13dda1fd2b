// Timing require() of a bundle in a fresh node process: shared by the lib and function load benches.
import { spawnSync } from 'node:child_process';

const MARKER = 'REQUIRE_MS=';
// argv[1]: the file; argv[2] (optional): an export that must be a function once loaded.
const CHILD_SCRIPT = [
  'const started = performance.now();',
  'const loaded = require(process.argv[1]);',
  'const elapsed = performance.now() - started;',
  'const name = process.argv[2];',
  "if (name && typeof loaded[name] !== 'function') throw new Error(process.argv[1] + ' exports no function ' + name);",
  `process.stdout.write('\\n${MARKER}' + elapsed + '\\n', () => process.exit(0));`,
].join('\n');

/**
 * Milliseconds between performance.now() before and after `require(file)` in a fresh `node -e`
 * (node's own start-up excluded). With `exportName`, the loaded module must export that function.
 *
 * @throws {Error} with the child's stderr when the require fails.
 * @example
 * timeRequire('/tmp/x/src/handlers/health.js', { cwd: '/tmp/x', env: { PATH: process.env.PATH }, exportName: 'handler' });
 */
export function timeRequire(
  file: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; exportName?: string },
): number {
  const args = ['-e', CHILD_SCRIPT, file, ...(options.exportName ? [options.exportName] : [])];
  const child = spawnSync(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.error) throw child.error;
  const line = child.stdout.split('\n').find((text) => text.startsWith(MARKER));
  if (child.status !== 0 || !line) {
    throw new Error(
      `require(${file}) failed in a fresh node (exit ${String(child.status)}): ${child.stderr.trim().slice(-2_000)}`,
    );
  }
  return Number(line.slice(MARKER.length));
}

/** `BENCH_LOAD_RUNS`: how many timed fresh processes per bundle (10 by default). */
export function loadRunsFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env['BENCH_LOAD_RUNS'];
  if (raw === undefined || raw === '') return 10;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`BENCH_LOAD_RUNS must be a positive integer, not ${raw}`);
  return runs;
}
