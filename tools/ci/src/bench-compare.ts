import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One figure of a benchmark report, now and in the previous run. */
export interface FigureChange {
  report: string;
  /** The figure's path in the report's JSON (`results.placeOrder.ratio`). */
  figure: string;
  now: number;
  previous: number | undefined;
}

/** Every numeric leaf of a JSON value, by its dotted path (array items by index). */
function numericLeaves(value: unknown, path: string, out: Map<string, number>): void {
  if (typeof value === 'number' && Number.isFinite(value)) out.set(path, value);
  else if (Array.isArray(value))
    value.forEach((item, index) => numericLeaves(item, `${path}[${index}]`, out));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) numericLeaves(item, path ? `${path}.${key}` : key, out);
  }
}

function figuresOf(file: string): Map<string, number> {
  const out = new Map<string, number>();
  numericLeaves(JSON.parse(readFileSync(file, 'utf8')) as unknown, '', out);
  return out;
}

/**
 * Compares every `<name>.json` report in `dir` with its copy from the previous run in
 * `<dir>/previous/`, figure by figure (numeric leaves whose path matches `keep`), then makes the
 * current reports the previous ones for the next run.
 *
 * @example
 * const changes = compareBenchReports('reports/bench', /median|p50|p99|bytes|ratio|ms/i);
 */
export function compareBenchReports(dir: string, keep: RegExp): FigureChange[] {
  if (!existsSync(dir)) return [];
  const previousDir = join(dir, 'previous');
  const reports = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const changes: FigureChange[] = [];
  for (const name of reports) {
    const now = figuresOf(join(dir, name));
    const before = existsSync(join(previousDir, name))
      ? figuresOf(join(previousDir, name))
      : new Map<string, number>();
    for (const [figure, value] of now) {
      if (!keep.test(figure)) continue;
      changes.push({
        report: name.slice(0, -'.json'.length),
        figure,
        now: value,
        previous: before.get(figure),
      });
    }
  }
  mkdirSync(previousDir, { recursive: true });
  for (const name of reports) copyFileSync(join(dir, name), join(previousDir, name));
  return changes;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/**
 * The comparison as Markdown: one table per report, each figure now, before and the change in percent.
 *
 * @example
 * benchSummaryMarkdown([{ report: 'cold-start', figure: 'placeOrder.ratio', now: 2.1, previous: 2.4 }]);
 */
export function benchSummaryMarkdown(changes: FigureChange[]): string {
  const lines = ['# Benchmarks, compared with the previous run', ''];
  for (const report of [...new Set(changes.map((change) => change.report))]) {
    lines.push(`## ${report}`, '', '| figure | now | previous | change |', '| --- | ---: | ---: | ---: |');
    for (const change of changes.filter((candidate) => candidate.report === report)) {
      const delta =
        change.previous === undefined || change.previous === 0
          ? '–'
          : `${change.now >= change.previous ? '+' : ''}${(((change.now - change.previous) / change.previous) * 100).toFixed(1)} %`;
      lines.push(
        `| ${change.figure} | ${formatNumber(change.now)} | ${change.previous === undefined ? 'none' : formatNumber(change.previous)} | ${delta} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
