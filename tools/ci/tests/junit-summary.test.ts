import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countJUnit, summarizeJUnitDirectory, summaryLine } from '../src/junit-summary';

const report = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="jest tests" tests="4" failures="1" errors="0">
  <testsuite name="a" tests="4">
    <testcase classname="a" name="passes" time="0.1"></testcase>
    <testcase classname="a" name="also passes" time="0.1"/>
    <testcase classname="a" name="fails" time="0.1"><failure message="boom">Error: boom</failure></testcase>
    <testcase classname="a" name="errors" time="0.1"><error message="x"/></testcase>
    <testcase classname="a" name="skipped" time="0"><skipped/></testcase>
  </testsuite>
</testsuites>`;

describe('countJUnit', () => {
  it('counts passed, failed (failure or error) and skipped test cases', () => {
    expect(countJUnit(report)).toEqual({ passed: 2, failed: 2, skipped: 1, files: 1 });
  });

  it('counts nothing in a report without test cases', () => {
    expect(countJUnit('<testsuites/>')).toEqual({ passed: 0, failed: 0, skipped: 0, files: 1 });
  });
});

describe('summarizeJUnitDirectory', () => {
  it('sums every xml report under a folder, nested folders included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'junit-'));
    writeFileSync(join(dir, 'one.xml'), report);
    mkdirSync(join(dir, 'e2e'));
    writeFileSync(join(dir, 'e2e', 'two.xml'), report);
    writeFileSync(join(dir, 'notes.txt'), '<testcase/>');
    expect(summarizeJUnitDirectory(dir)).toEqual({ passed: 4, failed: 4, skipped: 2, files: 2 });
  });

  it('reads a missing folder as no tests', () => {
    expect(summarizeJUnitDirectory('/nonexistent/reports')).toEqual({
      passed: 0,
      failed: 0,
      skipped: 0,
      files: 0,
    });
  });
});

describe('summaryLine', () => {
  it('is the exact line CI reads', () => {
    expect(summaryLine({ passed: 12, failed: 0 })).toBe('tests: 12 passed, 0 failed');
  });
});
