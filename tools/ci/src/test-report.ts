import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import libCoverage from 'istanbul-lib-coverage';
import libReport from 'istanbul-lib-report';
import reports from 'istanbul-reports';
import { countJUnit } from './junit-summary';

/** One project's line of the test report: its JUnit counts and its line coverage. */
export interface ProjectRow {
  project: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Line coverage in percent, when the project wrote a coverage summary. */
  lines: number | undefined;
}

/** Every `file` under `root` (recursively; the combined report's own folder left out). */
function filesNamed(root: string, file: string): string[] {
  const found: string[] = [];
  if (!existsSync(root)) return found;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (entry === file) found.push(path);
      else if (statSync(path).isDirectory() && entry !== 'combined') walk(path);
    }
  };
  walk(root);
  return found;
}

/**
 * One row per JUnit report in `junitDir` (`<project>.xml`), with the project's line coverage from
 * `<coverageRoot>/…/<project>/coverage-summary.json` when there is one; sorted by project.
 *
 * @example
 * projectRows('reports/junit', 'coverage'); // [{ project: 'auth', passed: 121, failed: 0, skipped: 0, lines: 96.8 }, …]
 */
export function projectRows(junitDir: string, coverageRoot: string): ProjectRow[] {
  if (!existsSync(junitDir)) return [];
  const summaries = new Map(
    filesNamed(coverageRoot, 'coverage-summary.json').map((file) => [basename(dirname(file)), file]),
  );
  return readdirSync(junitDir)
    .filter((entry) => entry.endsWith('.xml'))
    .sort()
    .map((entry) => {
      const project = entry.slice(0, -'.xml'.length);
      const counts = countJUnit(readFileSync(join(junitDir, entry), 'utf8'));
      const summary = summaries.get(project);
      const pct = summary
        ? (JSON.parse(readFileSync(summary, 'utf8')) as { total: { lines: { pct: unknown } } }).total.lines
            .pct
        : undefined;
      const lines = typeof pct === 'number' ? pct : undefined; // istanbul writes "Unknown" for no source lines
      return { project, passed: counts.passed, failed: counts.failed, skipped: counts.skipped, lines };
    });
}

/**
 * The rows as an aligned table (never a line starting `tests:`, which is CI's).
 *
 * @example
 * formatProjectTable([{ project: 'auth', passed: 121, failed: 0, skipped: 0, lines: 96.8 }]);
 */
export function formatProjectTable(rows: ProjectRow[]): string {
  const header = ['project', 'passed', 'failed', 'skipped', 'lines'];
  const cells: string[][] = [
    header,
    ...rows.map((row) => [
      row.project,
      String(row.passed),
      String(row.failed),
      String(row.skipped),
      row.lines === undefined ? '-' : `${row.lines.toFixed(1)} %`,
    ]),
  ];
  const widths = header.map((_, column) => Math.max(...cells.map((line) => (line[column] ?? '').length)));
  return cells
    .map((line) =>
      line
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

/**
 * Merges every project's `coverage-final.json` under `coverageRoot` into one coverage map and writes
 * it to `outDir` as HTML, lcov and a JSON summary (istanbul's own reporters). Answers the combined
 * line coverage, or undefined when no project wrote one.
 *
 * @example
 * combineCoverage('coverage', 'coverage/combined'); // { covered: 18211, total: 19120, pct: 95.25 }
 */
export function combineCoverage(
  coverageRoot: string,
  outDir: string,
): { covered: number; total: number; pct: number } | undefined {
  const finals = filesNamed(coverageRoot, 'coverage-final.json');
  if (finals.length === 0) return undefined;
  const map = libCoverage.createCoverageMap({});
  for (const file of finals) map.merge(JSON.parse(readFileSync(file, 'utf8')) as libCoverage.CoverageMapData);
  const context = libReport.createContext({ dir: outDir, coverageMap: map });
  for (const name of ['html', 'lcovonly', 'json-summary'] as const) reports.create(name).execute(context);
  const lines = map.getCoverageSummary().lines;
  return { covered: lines.covered, total: lines.total, pct: lines.pct };
}
