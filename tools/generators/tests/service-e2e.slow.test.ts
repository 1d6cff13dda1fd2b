import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './support/run-command';
import { workspaceRoot } from './support/virtual-workspace';

/**
 * SLOW (about a minute): generates a real service into apps/gen-e2e-<random> and runs on it what
 * CI runs on every service — prettier, tsc, eslint, its own jest suite against DynamoDB Local,
 * `serverless package --stage prod` and the policy checker. The folder and the package are
 * deleted afterwards, also when a step fails.
 */
describe('service generator, end to end (slow)', () => {
  const name = `gen-e2e-${randomBytes(3).toString('hex')}`;
  const serviceDir = join(workspaceRoot, 'apps', name);
  const packageDir = mkdtempSync(join(tmpdir(), `${name}-package-`));
  const node = process.execPath;
  const bin = (path: string) => join(workspaceRoot, 'node_modules', path);

  beforeAll(() => {
    const generated = runCommand(node, [join(__dirname, 'support/generate-into-workspace.js'), name]);
    expect(generated).toMatchObject({ status: 0 });
  }, 60_000);

  afterAll(() => {
    rmSync(serviceDir, { recursive: true, force: true });
    rmSync(packageDir, { recursive: true, force: true });
  });

  it('writes the service into apps/<name> and nothing of it elsewhere', () => {
    expect(existsSync(join(serviceDir, 'serverless.yml'))).toBe(true);
    expect(existsSync(join(workspaceRoot, 'docs/runbooks', `${name}.md`))).toBe(false);
  });

  it('hides the transient service from Nx, so no local stack or affected run picks it up', () => {
    const projects = runCommand(node, [bin('nx/dist/bin/nx.js'), 'show', 'projects']);
    expect(projects).toMatchObject({ status: 0 });
    expect(projects.output).toContain('catalog');
    expect(projects.output).not.toContain(name);
  }, 60_000);

  it('is formatted as the workspace formats (prettier --check)', () => {
    const checked = runCommand(node, [bin('prettier/bin/prettier.cjs'), '--check', `apps/${name}`]);
    expect(checked).toMatchObject({ status: 0 });
  });

  it('type-checks (tsc --noEmit)', () => {
    const compiled = runCommand(node, [
      bin('typescript/bin/tsc'),
      '-p',
      `apps/${name}/tsconfig.json`,
      '--noEmit',
    ]);
    expect(compiled).toMatchObject({ status: 0 });
  }, 120_000);

  it('lints with no warnings (eslint --max-warnings 0)', () => {
    const linted = runCommand(node, [bin('eslint/bin/eslint.js'), '--max-warnings', '0', `apps/${name}`]);
    expect(linted).toMatchObject({ status: 0 });
  }, 120_000);

  it('passes its own tests: unit, integration against DynamoDB Local, its openapi.yaml check and its bundle budgets', () => {
    const tested = runCommand(node, [
      bin('jest/bin/jest.js'),
      '-c',
      `apps/${name}/jest.config.js`,
      '--ci',
      '--reporters',
      'default',
    ]);
    expect(tested).toMatchObject({ status: 0 });
    expect(tested.output).toMatch(/Test Suites: 5 passed, 5 total/);
    expect(tested.output).not.toMatch(/\bskipped\b|\btodo\b/);
  }, 180_000);

  it('packages for prod (serverless package) and passes the policy checker', () => {
    const packaged = runCommand(
      node,
      [bin('serverless/bin/serverless.js'), 'package', '--stage', 'prod', '--package', packageDir],
      { cwd: serviceDir, env: { STAGE_CONFIG_FILE: join(workspaceRoot, '.ci/stages.env') } },
    );
    expect(packaged).toMatchObject({ status: 0 });
    expect(readdirSync(packageDir).sort()).toEqual(
      expect.arrayContaining([
        'cloudformation-template-update-stack.json',
        'getItem.zip',
        'health.zip',
        'putItem.zip',
      ]),
    );
    const policy = runCommand('npm', ['run', '-s', 'policy', '--', packageDir]);
    expect(policy).toMatchObject({ status: 0 });
    expect(policy.output).toContain('no findings');
  }, 180_000);

  it('is loaded by Nx: `nx g @platform/tools:service` refuses an existing project, and dry-runs a new one', () => {
    const nx = bin('nx/dist/bin/nx.js');
    const taken = runCommand(node, [
      nx,
      'g',
      '@platform/tools:service',
      'catalog',
      '--dry-run',
      '--no-interactive',
    ]);
    expect(taken.status).not.toBe(0);
    expect(taken.output).toContain('A project named "catalog" already exists (apps/catalog)');

    const fresh = `${name}-dry`;
    const dryRun = runCommand(node, [
      nx,
      'g',
      '@platform/tools:service',
      fresh,
      '--dry-run',
      '--no-interactive',
    ]);
    expect(dryRun).toMatchObject({ status: 0 });
    expect(dryRun.output).toContain(`CREATE apps/${fresh}/serverless.yml`);
    expect(dryRun.output).toContain(`CREATE docs/runbooks/${fresh}.md`);
    expect(existsSync(join(workspaceRoot, 'apps', fresh))).toBe(false);
  }, 120_000);
});
