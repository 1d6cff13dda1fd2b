import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnDevStack, type DevStackProcess } from '@platform/local';
import { runCommand } from './support/run-command';
import { workspaceRoot } from './support/virtual-workspace';

/**
 * SLOW (about five minutes): a new team's first hour, in a temporary clone of this repository (never
 * in the repository itself). `make install`, `nx g @platform/tools:service <name>`, then the steps
 * the generator prints, each of which must pass untouched: `npm install`; lint, typecheck and the
 * service's own tests; `make build STAGE=prod` and `make check-packages` (cfn-lint, the policy
 * checker, checkov); `make dev SERVICES=<name>` answering its health route through the gateway.
 * The clone holds HEAD: commit before running it.
 */
describe('a generated service in a fresh clone, through the steps the generator prints (slow)', () => {
  const name = `gen-${randomBytes(3).toString('hex')}`;
  const parent = mkdtempSync(join(tmpdir(), 'generated-service-'));
  const clone = join(parent, 'workspace');
  const node = process.execPath;
  const inClone = (command: string, args: readonly string[], timeoutMs = 300_000) =>
    runCommand(command, args, { cwd: clone, timeoutMs });
  let stack: DevStackProcess | undefined;

  beforeAll(() => {
    expect(runCommand('git', ['clone', '--quiet', '--local', workspaceRoot, clone])).toMatchObject({
      status: 0,
    });
    // The Python tools `make test` installed here, when it did: the clone's requirements file is made
    // older than their stamp, so make does not install them again. Without them, the clone's make
    // installs its own.
    if (existsSync(join(workspaceRoot, '.venv', '.requirements.txt'))) {
      symlinkSync(join(workspaceRoot, '.venv'), join(clone, '.venv'));
      utimesSync(join(clone, 'tools/python/requirements.txt'), new Date(0), new Date(0));
    }
    expect(inClone('make', ['install'], 600_000)).toMatchObject({ status: 0 });
    const generated = inClone(node, [
      join(clone, 'node_modules/nx/dist/bin/nx.js'),
      'g',
      '@platform/tools:service',
      name,
      '--no-interactive',
    ]);
    expect(generated).toMatchObject({ status: 0 });
    expect(generated.output).toContain(`make dev SERVICES=${name}`);
  }, 900_000);

  afterAll(async () => {
    await stack?.stop().catch(() => undefined);
    rmSync(parent, { recursive: true, force: true });
  });

  it('writes the service into apps/<name> and its runbook into docs/runbooks', () => {
    expect(existsSync(join(clone, 'apps', name, 'serverless.yml'))).toBe(true);
    expect(existsSync(join(clone, 'docs/runbooks', `${name}.md`))).toBe(true);
  });

  it('1. npm install links it and records it in package-lock.json', () => {
    expect(inClone('npm', ['install', '--no-audit', '--no-fund'], 600_000)).toMatchObject({ status: 0 });
    expect(inClone('git', ['diff', '--quiet', '--', 'package-lock.json']).status).toBe(1);
    expect(existsSync(join(clone, 'node_modules/@services', name))).toBe(true);
  }, 600_000);

  it('is formatted as the workspace formats (prettier --check)', () => {
    expect(
      inClone(node, [join(clone, 'node_modules/prettier/bin/prettier.cjs'), '--check', `apps/${name}`]),
    ).toMatchObject({
      status: 0,
    });
  });

  it('2. lints, type-checks and passes its own tests (unit, DynamoDB Local, its openapi.yaml, its bundle budgets)', () => {
    const checked = inClone(
      node,
      [
        join(clone, 'node_modules/nx/dist/bin/nx.js'),
        'run-many',
        '-t',
        'lint',
        'typecheck',
        'test',
        '-p',
        name,
        '--outputStyle=static',
      ],
      600_000,
    );
    expect(checked).toMatchObject({ status: 0 });
    expect(checked.output).toMatch(/Test Suites: 5 passed, 5 total/);
    expect(checked.output).not.toMatch(/\bskipped\b|\btodo\b/);
  }, 600_000);

  it('3. packages for prod with make build, and make check-packages finds nothing (cfn-lint, policy, checkov)', () => {
    const built = inClone(
      'make',
      ['build', 'STAGE=prod', `SERVICES=${name}`, `STAGE_CONFIG_FILE=${join(clone, '.ci/stages.env')}`],
      600_000,
    );
    expect(built).toMatchObject({ status: 0 });
    expect(readdirSync(join(clone, 'dist', name, 'prod')).sort()).toEqual(
      expect.arrayContaining([
        'cloudformation-template-update-stack.json',
        'getItem.zip',
        'health.zip',
        'putItem.zip',
      ]),
    );
    const checked = inClone('make', ['check-packages'], 600_000);
    expect(checked).toMatchObject({ status: 0 });
  }, 900_000);

  it('4. make dev SERVICES=<name> answers its health route through the gateway', async () => {
    stack = await spawnDevStack({
      entry: join(clone, 'tools/local/src/cli/dev.ts'),
      args: ['--services', name],
      env: { NX_DAEMON: 'false', NX_CACHE_DIRECTORY: join(clone, '.nx', 'cache') },
      readyTimeoutMs: 300_000,
    });
    const response = await fetch(`${stack.gatewayUrl}/${name}/health`, {
      signal: AbortSignal.timeout(30_000),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
    await stack.stop();
    stack = undefined;
  }, 360_000);

  it('is loaded by Nx: `nx g @platform/tools:service` refuses an existing project', () => {
    const taken = inClone(node, [
      join(clone, 'node_modules/nx/dist/bin/nx.js'),
      'g',
      '@platform/tools:service',
      name,
      '--dry-run',
      '--no-interactive',
    ]);
    expect(taken.status).not.toBe(0);
    expect(taken.output).toContain(`A project named "${name}" already exists (apps/${name})`);
  }, 120_000);
});
