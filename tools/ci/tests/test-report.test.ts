import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { combineCoverage, formatProjectTable, projectRows } from '../src/test-report';

/** A project's istanbul coverage of one one-line file, hit `hits` times. */
function fileCoverage(path: string, hits: number): Record<string, unknown> {
  return {
    [path]: {
      path,
      statementMap: { '0': { start: { line: 1, column: 0 }, end: { line: 1, column: 20 } } },
      fnMap: {},
      branchMap: {},
      s: { '0': hits },
      f: {},
      b: {},
    },
  };
}

function workspace(): { junit: string; coverage: string } {
  const root = mkdtempSync(join(tmpdir(), 'test-report-'));
  const junit = join(root, 'junit');
  const coverage = join(root, 'coverage');
  mkdirSync(junit);
  writeFileSync(
    join(junit, 'http.xml'),
    '<testsuites><testsuite><testcase name="a"/><testcase name="b"><failure/></testcase></testsuite></testsuites>',
  );
  writeFileSync(
    join(junit, 'auth.xml'),
    '<testsuite><testcase name="c"/><testcase name="d"><skipped/></testcase></testsuite>',
  );
  writeFileSync(join(junit, 'fuzz-orders.xml'), '<testsuite><testcase name="e"/></testsuite>');
  for (const [project, pct, hits] of [
    ['libs/http', 97.3, 1],
    ['libs/auth', 96.8, 0],
  ] as const) {
    const dir = join(coverage, project);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'coverage-summary.json'), JSON.stringify({ total: { lines: { pct } } }));
    writeFileSync(
      join(dir, 'coverage-final.json'),
      JSON.stringify(fileCoverage(join(root, `${project}.ts`), hits)),
    );
  }
  return { junit, coverage };
}

describe('the report after make test', () => {
  it('gives one row per JUnit report, sorted, with its counts and its line coverage where the project wrote one', () => {
    const { junit, coverage } = workspace();
    expect(projectRows(junit, coverage)).toEqual([
      { project: 'auth', passed: 1, failed: 0, skipped: 1, lines: 96.8 },
      { project: 'fuzz-orders', passed: 1, failed: 0, skipped: 0, lines: undefined },
      { project: 'http', passed: 1, failed: 1, skipped: 0, lines: 97.3 },
    ]);
  });

  it('prints the rows as an aligned table with no line CI would read as its count', () => {
    const { junit, coverage } = workspace();
    const table = formatProjectTable(projectRows(junit, coverage));
    expect(table.split('\n')).toEqual([
      'project      passed  failed  skipped   lines',
      'auth              1       0        1  96.8 %',
      'fuzz-orders       1       0        0       -',
      'http              1       1        0  97.3 %',
    ]);
    expect(table).not.toMatch(/^tests:/m);
  });

  it('merges every project coverage into one report (HTML, lcov, summary) and answers the combined line coverage', () => {
    const { coverage } = workspace();
    const out = join(coverage, 'combined');
    expect(combineCoverage(coverage, out)).toEqual({ covered: 1, total: 2, pct: 50 });
    for (const file of ['index.html', 'lcov.info', 'coverage-summary.json'])
      expect(existsSync(join(out, file))).toBe(true);
    expect(combineCoverage(coverage, out)).toEqual({ covered: 1, total: 2, pct: 50 }); // its own output is not merged again
    expect(combineCoverage(join(coverage, 'nothing-here'), out)).toBeUndefined();
  });
});
