import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Test counts read from JUnit XML reports. */
export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  files: number;
}

/**
 * Counts the test cases of one JUnit XML document: a `<testcase>` with a `<failure>` or `<error>`
 * child failed, one with `<skipped>` was skipped, any other passed.
 *
 * @example
 * countJUnit('<testsuite><testcase name="a"/></testsuite>'); // { passed: 1, failed: 0, skipped: 0, files: 1 }
 */
export function countJUnit(xml: string): TestCounts {
  const counts: TestCounts = { passed: 0, failed: 0, skipped: 0, files: 1 };
  const testcase = /<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(testcase)) {
    const body = match[2] ?? '';
    if (/<(failure|error)\b/.test(body)) counts.failed += 1;
    else if (/<skipped\b/.test(body)) counts.skipped += 1;
    else counts.passed += 1;
  }
  return counts;
}

/** Sums {@link countJUnit} over every `*.xml` file under `dir` (recursively). */
export function summarizeJUnitDirectory(dir: string): TestCounts {
  const total: TestCounts = { passed: 0, failed: 0, skipped: 0, files: 0 };
  if (!existsSync(dir)) return total;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const counts = statSync(path).isDirectory()
      ? summarizeJUnitDirectory(path)
      : entry.endsWith('.xml')
        ? countJUnit(readFileSync(path, 'utf8'))
        : undefined;
    if (!counts) continue;
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    total.files += counts.files;
  }
  return total;
}

/** The one line CI reads: `tests: N passed, N failed`. */
export function summaryLine(counts: Pick<TestCounts, 'passed' | 'failed'>): string {
  return `tests: ${counts.passed} passed, ${counts.failed} failed`;
}
