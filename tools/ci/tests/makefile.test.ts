// The Makefile's own contract: its help, its checked inputs, where Nx caches.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '..', '..', '..');

/** Runs make in the workspace without installing anything first. */
function make(...args: string[]): { status: number | null; output: string } {
  const env = { ...process.env };
  delete env['STAGE'];
  delete env['SERVICES'];
  const result = spawnSync(
    'make',
    ['--no-print-directory', 'INSTALL_STAMP=', 'PYTHON_TOOLS_STAMP=', ...args],
    {
      cwd: workspaceRoot,
      encoding: 'utf8',
      env,
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The targets the Makefile defines (rules whose name is a lower-case word). */
function makefileTargets(): string[] {
  const makefile = readFileSync(join(workspaceRoot, 'Makefile'), 'utf8');
  return [...makefile.matchAll(/^([a-z][a-z0-9-]*):/gm)].map((match) => match[1] ?? '').sort();
}

describe('make help', () => {
  it('lists every target the Makefile defines, and only those', () => {
    const help = make('help');
    expect(help.status).toBe(0);
    const listed = [...help.output.matchAll(/^ {2}make ([a-z][a-z0-9-]*)/gm)]
      .map((match) => match[1] ?? '')
      .sort();
    expect(listed).toEqual(makefileTargets());
  });

  it('declares every target phony', () => {
    const makefile = readFileSync(join(workspaceRoot, 'Makefile'), 'utf8');
    const phony = (/^\.PHONY: (.*)$/m.exec(makefile)?.[1] ?? '').split(' ').sort();
    expect(phony).toEqual(makefileTargets());
  });
});

describe('SERVICES and STAGE', () => {
  it('fails make test SERVICES=nope at once, naming the valid services', () => {
    const result = make('test', 'SERVICES=nope');
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('SERVICES: unknown nope; the services are catalog, inventory, orders');
    expect(result.output).not.toContain('nx run-many');
  });

  it('accepts a lib in SERVICES for test but not for build', () => {
    expect(make('-n', 'test', 'SERVICES=auth').status).toBe(0);
    const build = make('-n', 'build', 'SERVICES=auth');
    expect(build.status).not.toBe(0);
    expect(build.output).toContain('SERVICES: unknown auth; the services are catalog, inventory, orders');
  });

  it.each(['build', 'deploy', 'canary', 'dev', 'info'])(
    'checks SERVICES for make %s before it runs anything',
    (target) => {
      const result = make('-n', target, 'SERVICES=catalog,nope');
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('SERVICES: unknown nope');
    },
  );

  it('fails make invoke at once on a SERVICE that is not a service, naming the services', () => {
    const result = make('-n', 'invoke', 'SERVICE=nope', 'FUNCTION=health');
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('SERVICE=nope is not a service: use one of catalog, inventory, orders');
  });

  it('fails make build STAGE=production at once, naming the stages', () => {
    const result = make('build', 'STAGE=production');
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('STAGE=production is not a stage: use one of local dev staging prod');
  });

  it('deletes nothing when no task runs: make test AFFECTED=1 with nothing affected keeps reports/junit', () => {
    const sentinel = join(workspaceRoot, 'reports', 'junit', `makefile-test-${process.pid}.txt`);
    mkdirSync(join(workspaceRoot, 'reports', 'junit'), { recursive: true });
    writeFileSync(sentinel, 'kept');
    try {
      const result = make('test', 'AFFECTED=1', 'NX_BASE=HEAD', 'NX_HEAD=HEAD', 'CHROMIUM=');
      expect(result.status).toBe(0);
      expect(result.output).toContain('nothing affected between HEAD and HEAD: no test runs');
      expect(existsSync(sentinel)).toBe(true);
    } finally {
      rmSync(sentinel, { force: true });
    }
  });

  it.each(['local', 'dev', 'staging', 'prod'])('accepts STAGE=%s', (stage) => {
    expect(make('-n', 'build', `STAGE=${stage}`, 'SERVICES=catalog').status).toBe(0);
  });
});

describe('the Nx cache', () => {
  it('is .nx/cache inside the workspace, for nx itself and for make', () => {
    const nxJson = JSON.parse(readFileSync(join(workspaceRoot, 'nx.json'), 'utf8')) as {
      cacheDirectory?: string;
    };
    expect(nxJson.cacheDirectory).toBe('.nx/cache');
    const printed = make('-s', '--eval=print-nx-cache: ; @echo $$NX_CACHE_DIRECTORY', 'print-nx-cache');
    expect(printed.output.trim()).toBe(join(workspaceRoot, '.nx', 'cache'));
  });

  it('is ignored by git', () => {
    const result = spawnSync('git', ['check-ignore', '-q', '.nx/cache/some-task-hash'], {
      cwd: workspaceRoot,
    });
    expect(result.status).toBe(0);
  });

  it('is emptied by make clean', () => {
    const clean = make('-n', 'clean');
    expect(clean.status).toBe(0);
    expect(clean.output).toMatch(/^rm -rf .* \.nx( |$)/m);
  });
});
