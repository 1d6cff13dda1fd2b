import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureGraphPath, GitFixtureRepo } from './support/git-fixture-repo';

const workspaceRoot = join(__dirname, '..', '..', '..');
const tsx = join(workspaceRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tools/ci/src/cli/<cli>.ts` with tsx, in `cwd`. */
function run(cli: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(
    process.execPath,
    [tsx, join(workspaceRoot, 'tools/ci/src/cli', `${cli}.ts`), ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the CLIs, on a fixture repository', () => {
  let repo: GitFixtureRepo;
  let A: string;
  let B: string;
  let C: string;
  let state: string;
  const graph = ['--graph', fixtureGraphPath];

  beforeAll(() => {
    repo = GitFixtureRepo.create();
    A = repo.git('rev-parse', 'HEAD');
    B = repo.commit('feat(catalog): x', { 'apps/catalog/src/x.ts': 'export const x = 1;\n' });
    C = repo.commit('docs: z', { 'docs/z.md': '# z\n' });
    state = mkdtempSync(join(tmpdir(), 'ci-state-'));
  });

  afterAll(() => repo.remove());

  describe('affected.ts', () => {
    it('prints the matrix of the affected services', () => {
      expect(run('affected', ['--base', A, '--head', B, ...graph], repo.dir)).toEqual({
        status: 0,
        stdout: '{"include":[{"service":"catalog"}]}\n',
        stderr: '',
      });
    });

    it('prints an empty matrix and an empty list when only docs changed', () => {
      expect(run('affected', ['--base', B, '--head', C, ...graph], repo.dir).stdout).toBe('{"include":[]}\n');
      expect(run('affected', ['--base', B, '--head', C, '--format', 'list', ...graph], repo.dir).stdout).toBe(
        '\n',
      );
    });

    it('selects every service when there is no base', () => {
      expect(run('affected', ['--base', '', '--format', 'list', ...graph], repo.dir).stdout).toBe(
        'catalog,inventory,orders\n',
      );
    });

    it('writes GitHub outputs and the markdown summary when asked', () => {
      const dir = mkdtempSync(join(tmpdir(), 'ci-gh-'));
      const output = join(dir, 'output');
      const summary = join(dir, 'summary.md');
      const result = run(
        'affected',
        [
          '--base',
          A,
          '--head',
          C,
          '--format',
          'json',
          '--github-output',
          output,
          '--summary',
          summary,
          ...graph,
        ],
        repo.dir,
      );
      expect(JSON.parse(result.stdout)).toEqual({
        base: A,
        head: C,
        services: [{ service: 'catalog', selected: true, reasons: ['apps/catalog changed'] }],
      });
      expect(readFileSync(output, 'utf8')).toBe(
        'matrix={"include":[{"service":"catalog"}]}\nlist=catalog\ncount=1\n',
      );
      expect(readFileSync(summary, 'utf8')).toContain('| catalog | yes | apps/catalog changed |');
    });

    it('prints its usage with --help', () => {
      const result = run('affected', ['--help'], repo.dir);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: npx tsx tools\/ci\/src\/cli\/affected.ts --base <ref>/);
    });

    it.each([
      [['--head', 'HEAD'], 'affected: --base is required (--base "" treats everything as changed)'],
      [
        ['--base', 'HEAD', '--format', 'yaml'],
        'affected: --format must be one of matrix, list, json, markdown (got "yaml")',
      ],
      [['--base', 'HEAD', '--nope'], "affected: Unknown option '--nope'"],
    ])('exits 2 on bad usage %j', (args, message) => {
      const result = run('affected', args, repo.dir);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`${message}\nRun with --help for usage.\n`);
    });

    it('exits 1 with a clear message when the head is not a commit', () => {
      const result = run('affected', ['--base', A, '--head', 'no-such-ref', ...graph], repo.dir);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        `affected: "no-such-ref" is not a commit of the repository at ${repo.dir}\n`,
      );
    });
  });

  describe('deploy-plan.ts and record-deploy.ts', () => {
    const store = () => ['--store', 'file', '--state-dir', state];

    it('plans every service never deployed, then only what changed since each recorded deploy', () => {
      expect(
        run(
          'deploy-plan',
          ['--stage', 'dev', '--head', A, '--format', 'list', ...store(), ...graph],
          repo.dir,
        ).stdout,
      ).toBe('catalog,inventory,orders\n');
      for (const service of ['catalog', 'inventory', 'orders']) {
        const recorded = run(
          'record-deploy',
          ['--service', service, '--stage', 'dev', '--sha', A, ...store()],
          repo.dir,
        );
        expect(recorded).toEqual({
          status: 0,
          stdout: `recorded ${service} dev = ${A} (file store)\n`,
          stderr: '',
        });
      }
      // B's deploy of catalog failed (not recorded): at C, docs only, catalog is still planned.
      expect(run('deploy-plan', ['--stage', 'dev', '--head', C, ...store(), ...graph], repo.dir).stdout).toBe(
        '{"include":[{"service":"catalog"}]}\n',
      );
      // record-deploy resolves a ref to the full sha.
      expect(
        run(
          'record-deploy',
          ['--service', 'catalog', '--stage', 'dev', '--sha', 'HEAD', ...store()],
          repo.dir,
        ).stdout,
      ).toBe(`recorded catalog dev = ${C} (file store)\n`);
      expect(readFileSync(join(state, 'dev', 'catalog'), 'utf8')).toBe(`${C}\n`);
      expect(run('deploy-plan', ['--stage', 'dev', '--head', C, ...store(), ...graph], repo.dir).stdout).toBe(
        '{"include":[]}\n',
      );
    });

    it('plans only the services asked for, and rejects one that is not deployable', () => {
      expect(
        run(
          'deploy-plan',
          ['--stage', 'prod', '--services', 'orders', '--format', 'list', ...store(), ...graph],
          repo.dir,
        ).stdout,
      ).toBe('orders\n');
      const result = run(
        'deploy-plan',
        ['--stage', 'prod', '--services', 'backoffice', ...store(), ...graph],
        repo.dir,
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('not a deployable service: backoffice');
    });

    it('exits 2 without a stage, a service or a sha', () => {
      expect(run('deploy-plan', [...graph], repo.dir).stderr).toBe(
        'deploy-plan: --stage is required\nRun with --help for usage.\n',
      );
      expect(run('record-deploy', ['--stage', 'dev', '--sha', A], repo.dir).status).toBe(2);
      expect(run('record-deploy', ['--service', 'catalog', '--stage', 'dev'], repo.dir).stderr).toContain(
        '--sha is required',
      );
      expect(run('deploy-plan', ['--stage', 'dev', '--store', 'redis'], repo.dir).status).toBe(2);
    });

    it('exits 1 when asked to record a commit that does not exist', () => {
      const result = run(
        'record-deploy',
        ['--service', 'catalog', '--stage', 'dev', '--sha', 'nope', ...store()],
        repo.dir,
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('"nope" is not a commit');
    });

    it('print their usage with --help', () => {
      expect(run('deploy-plan', ['--help'], repo.dir).stdout).toContain('--store <kind>');
      expect(run('record-deploy', ['-h'], repo.dir).stdout).toContain('Run it only after the deploy');
    });
  });

  describe('actionlint.ts', () => {
    it('exits 1 and prints each finding of a broken workflow', () => {
      const broken = join(mkdtempSync(join(tmpdir(), 'ci-wf-')), 'broken.yml');
      writeFileSync(
        broken,
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nope\n    steps:\n      - run: echo\n',
      );
      const result = run('actionlint', [broken], repo.dir);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(
        /broken\.yml:3:3: job "a" needs job "nope" which does not exist in this workflow \[job-needs\]\n/,
      );
      expect(result.stdout).toMatch(/actionlint: 1 workflow\(s\), 1 finding\(s\)\n$/);
    });

    it('exits 0 on the repository workflows', () => {
      expect(run('actionlint', [], workspaceRoot)).toEqual({
        status: 0,
        stdout: 'actionlint: 5 workflow(s), 0 finding(s)\n',
        stderr: '',
      });
    });
  });
});
