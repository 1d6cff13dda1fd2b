import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseProjectGraph } from '../../src/project-graph';

/** The fixture graph: apps catalog, inventory, orders (and backoffice, no serverless.yml) on libs. */
export const fixtureGraphPath = join(__dirname, '..', 'fixtures', 'project-graph.json');
export const fixtureGraph = parseProjectGraph(JSON.parse(readFileSync(fixtureGraphPath, 'utf8')));

/** The files of the fixture workspace's first commit. */
const fixtureWorkspaceFiles: Readonly<Record<string, string>> = {
  'package.json': '{ "name": "fixture", "private": true }\n',
  'nx.json': '{}\n',
  'README.md': '# fixture\n',
  'docs/adr/001.md': '# ADR\n',
  'serverless/service-defaults.yml': 'provider:\n  name: aws\n',
  'apps/catalog/serverless.yml': 'service: catalog\n',
  'apps/catalog/src/handler.ts': 'export const catalog = 1;\n',
  'apps/inventory/serverless.yml': 'service: inventory\n',
  'apps/inventory/src/handler.ts': 'export const inventory = 1;\n',
  'apps/orders/serverless.yml': 'service: orders\n',
  'apps/orders/src/handler.ts': 'export const orders = 1;\n',
  'apps/backoffice/src/main.ts': 'export const backoffice = 1;\n',
  'libs/http/src/index.ts': 'export const http = 1;\n',
  'libs/persistence/src/index.ts': 'export const persistence = 1;\n',
  'libs/auth/src/index.ts': 'export const auth = 1;\n',
  'libs/observability/src/index.ts': 'export const observability = 1;\n',
  'libs/testing/src/index.ts': 'export const testing = 1;\n',
  'tools/ci/src/index.ts': 'export const ci = 1;\n',
  'tools/serverless-plugin/src/index.js': 'module.exports = {};\n',
};

/** A throw-away git repository in a temporary folder, for tests that need real history. */
export class GitFixtureRepo {
  private constructor(readonly dir: string) {}

  /** `git init` on `main` and a first commit holding `files`. */
  static create(files: Readonly<Record<string, string>> = fixtureWorkspaceFiles): GitFixtureRepo {
    const repo = new GitFixtureRepo(mkdtempSync(join(tmpdir(), 'ci-fixture-')));
    repo.git('init', '--quiet', '--initial-branch=main');
    repo.commit('initial commit', files);
    return repo;
  }

  /**
   * A copy of the workspace at `root` as it is on disk (tracked and new files, ignored ones left
   * out) committed as one commit on `main`, with the workspace's `node_modules` and `.venv` linked
   * in: a real clone to build and deploy from, including changes not committed yet.
   */
  static fromWorkspace(root: string): GitFixtureRepo {
    const repo = new GitFixtureRepo(mkdtempSync(join(tmpdir(), 'ci-workspace-')));
    const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
    for (const path of listed.stdout.split('\0').filter(Boolean)) {
      if (!existsSync(join(root, path))) continue; // deleted, not committed yet
      mkdirSync(dirname(join(repo.dir, path)), { recursive: true });
      cpSync(join(root, path), join(repo.dir, path));
    }
    for (const linked of ['node_modules', '.venv']) symlinkSync(join(root, linked), join(repo.dir, linked));
    repo.git('init', '--quiet', '--initial-branch=main');
    writeFileSync(join(repo.dir, '.git', 'info', 'exclude'), 'node_modules\n.venv\n');
    repo.commit('the workspace as it is', {});
    return repo;
  }

  /** Runs git in the repository and returns its trimmed output; a failure throws. */
  git(...args: string[]): string {
    const result = spawnSync(
      'git',
      [
        '-c',
        'user.name=Fixture',
        '-c',
        'user.email=fixture@example.com',
        '-c',
        'commit.gpgsign=false',
        ...args,
      ],
      { cwd: this.dir, encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout.trim();
  }

  /** Writes (or, for `null`, deletes) files, commits them and returns the new commit's sha. */
  commit(message: string, files: Readonly<Record<string, string | null>>): string {
    for (const [path, content] of Object.entries(files)) {
      const absolute = join(this.dir, path);
      if (content === null) {
        rmSync(absolute);
      } else {
        mkdirSync(dirname(absolute), { recursive: true });
        writeFileSync(absolute, content);
      }
    }
    this.git('add', '--all');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** Removes the repository. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
