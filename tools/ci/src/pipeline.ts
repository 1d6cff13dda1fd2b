/** One stage of the delivery chain. */
export interface PipelineStage {
  name: string;
  /** What the stage does, for the table. */
  description: string;
  /** Runs the stage; rejects (or resolves false) when it fails. `log` receives its output lines. */
  run: (log: (line: string) => void) => Promise<boolean | void>;
}

/** How a stage ended. */
export interface StageResult {
  name: string;
  description: string;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  /** The last lines the stage printed, kept for a failure's report. */
  tail: string[];
  error?: string;
}

const TAIL_LINES = 60;

/**
 * Runs stages in order and stops at the first that fails; the ones after it are reported as
 * skipped. Each stage's output goes to `print` as it comes; its last lines are kept so a failure
 * can be shown again at the end, where the reader looks.
 *
 * @example
 * import { runCommand } from './run-command';
 * const results = await runPipeline(
 *   [{ name: 'test', description: 'unit tests', run: async (log) => (await runCommand('make', ['test'], { log })).code === 0 }],
 *   (line) => console.log(line),
 * );
 */
export async function runPipeline(
  stages: PipelineStage[],
  print: (line: string) => void,
  clock: () => number = () => performance.now(),
): Promise<StageResult[]> {
  const results: StageResult[] = [];
  let failed = false;
  for (const stage of stages) {
    if (failed) {
      results.push({
        name: stage.name,
        description: stage.description,
        status: 'skipped',
        durationMs: 0,
        tail: [],
      });
      continue;
    }
    print(`▶ ${stage.name}: ${stage.description}`);
    const tail: string[] = [];
    const log = (line: string): void => {
      print(line);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    const started = clock();
    let error: string | undefined;
    let ok: boolean;
    try {
      ok = (await stage.run(log)) !== false;
    } catch (caught) {
      ok = false;
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const durationMs = clock() - started;
    results.push({
      name: stage.name,
      description: stage.description,
      status: ok ? 'passed' : 'failed',
      durationMs,
      tail,
      ...(error ? { error } : {}),
    });
    print(
      `${ok ? '✔' : '✖'} ${stage.name} ${ok ? 'passed' : 'FAILED'} in ${(durationMs / 1000).toFixed(1)} s`,
    );
    failed = !ok;
  }
  return results;
}

/** The stage table printed at the end of a run. */
export function formatStageTable(results: StageResult[]): string {
  const width = Math.max(5, ...results.map((r) => r.name.length));
  const lines = [`${'stage'.padEnd(width)}  ${'status'.padEnd(7)}  ${'time'.padStart(8)}  what`];
  for (const result of results) {
    const time = result.status === 'skipped' ? '-' : `${(result.durationMs / 1000).toFixed(1)} s`;
    lines.push(
      `${result.name.padEnd(width)}  ${result.status.padEnd(7)}  ${time.padStart(8)}  ${result.description}`,
    );
  }
  const total = results.reduce((sum, r) => sum + r.durationMs, 0);
  lines.push(`${'total'.padEnd(width)}  ${''.padEnd(7)}  ${`${(total / 1000).toFixed(1)} s`.padStart(8)}`);
  return lines.join('\n');
}

/** What to print when a stage failed: its error and its last lines. */
export function formatFailure(result: StageResult): string {
  return [
    `stage "${result.name}" failed after ${(result.durationMs / 1000).toFixed(1)} s${result.error ? `: ${result.error}` : ''}`,
    `its last ${result.tail.length} lines:`,
    ...result.tail.map((line) => `  | ${line}`),
  ].join('\n');
}
