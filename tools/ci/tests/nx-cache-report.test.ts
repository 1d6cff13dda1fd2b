import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheLine, nxCacheReport } from '../src/nx-cache-report';

const workspaceRoot = join(__dirname, '..', '..', '..');
const tsx = join(workspaceRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** A task as Nx 23's StoreRunInformationLifeCycle writes it into `<cacheDirectory>/run.json`. */
const task = (projectName: string, target: string, cacheStatus: string) => ({
  taskId: `${projectName}:${target}`,
  target,
  projectName,
  hash: '1234',
  startTime: '2026-12-08T02:00:00.000Z',
  endTime: '2026-12-08T02:00:01.000Z',
  params: '',
  cacheStatus,
  status: 0,
});

const run = {
  run: { command: 'nx run-many -t lint typecheck test', startTime: '', endTime: '', inner: false },
  tasks: [
    task('auth', 'test', 'local-cache-hit'),
    task('auth', 'lint', 'local-cache-hit'),
    task('http', 'test', 'remote-cache-hit'),
    task('catalog', 'test', 'cache-miss'),
    task('catalog', 'lint', 'cache-miss'),
  ],
};

const junit = (cases: number, failures = 0): string =>
  `<testsuites><testsuite>${'<testcase name="a"/>'.repeat(cases - failures)}${'<testcase name="f"><failure/></testcase>'.repeat(failures)}</testsuite></testsuites>`;

function junitDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nx-cache-report-'));
  writeFileSync(join(dir, 'auth.xml'), junit(3));
  writeFileSync(join(dir, 'http.xml'), junit(5, 1));
  writeFileSync(join(dir, 'catalog.xml'), junit(7));
  return dir;
}

describe('nxCacheReport', () => {
  it('counts the cached tasks and the test cases of the cached test tasks only', () => {
    expect(nxCacheReport(run, junitDir())).toEqual({ tasks: { cached: 3, total: 5 }, testResults: 8 });
  });

  it('counts no test result for a cached test task without a JUnit report', () => {
    expect(nxCacheReport(run, mkdtempSync(join(tmpdir(), 'nx-cache-report-'))).testResults).toBe(0);
  });

  it('refuses a document that is not an Nx run record', () => {
    expect(() => nxCacheReport({ run: {} }, junitDir())).toThrow('not an Nx run record: no tasks array');
  });
});

describe('cacheLine', () => {
  it('says how many test results and tasks came from the Nx cache', () => {
    expect(cacheLine({ tasks: { cached: 3, total: 5 }, testResults: 8 })).toBe(
      'from the Nx cache: 8 test results (3 of 5 tasks)',
    );
  });
});

describe('summary.ts --nx-run', () => {
  function summary(...args: string[]): string {
    const result = spawnSync(
      process.execPath,
      [tsx, join(workspaceRoot, 'tools/ci/src/cli/summary.ts'), ...args],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    return result.stdout;
  }

  it('prints the counted line unchanged, then the cache line on a line of its own', () => {
    const dir = junitDir();
    const runFile = join(mkdtempSync(join(tmpdir(), 'nx-run-')), 'run.json');
    writeFileSync(runFile, JSON.stringify(run));
    expect(summary('--nx-run', runFile, dir)).toBe(
      'tests: 14 passed, 1 failed\nfrom the Nx cache: 8 test results (3 of 5 tasks)\n',
    );
  });

  it('prints only the counted line when Nx recorded no run', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'nx-run-')), 'empty');
    mkdirSync(dir);
    expect(summary('--nx-run', join(dir, 'run.json'), dir)).toBe('tests: 0 passed, 0 failed\n');
  });
});
