import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXIT_CODES, runCli, USAGE } from '../src/run-cli';

const fixtures = join(__dirname, 'fixtures');
const workspace = join(fixtures, 'workspace');
const workspaceRoot = resolve(__dirname, '../../..');

function run(argv: string[], cwd = workspace) {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd });
  return { code, stdout, stderr };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'policy-cli-'));

describe('runCli', () => {
  it('exits 0 and says so when nothing is found', () => {
    const { code, stdout, stderr } = run([
      'dist/catalog/prod/cloudformation-template-update-stack.json',
      '--root',
      '.',
    ]);
    expect(code).toBe(EXIT_CODES.clean);
    expect(stdout).toContain(
      'dist/catalog/prod/cloudformation-template-update-stack.json (service catalog, stage prod)',
    );
    expect(stdout).toContain('policy: no findings in 1 template, 1 suppressed');
    expect(stderr).toBe('');
  });

  it('exits 1 with a table of findings when a rule fails', () => {
    const { code, stdout } = run([join(fixtures, 'many-faults'), '--root', fixtures], fixtures);
    expect(code).toBe(EXIT_CODES.findings);
    expect(stdout).toMatch(/LEVEL\s+RULE\s+LOCATION\s+MESSAGE/);
    expect(stdout).toMatch(
      /error\s+SFP-LAMBDA-001\s+many-faults\/cloudformation-template-update-stack\.json:\d+\s+LegacyLambdaFunction uses runtime `nodejs16\.x`/,
    );
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      'policy: 9 findings (8 errors, 1 warning, 0 notes) in 1 template',
    );
  });

  it('exits 1 on a finding of any level, a warning alone included', () => {
    const warningOnly = tempDir();
    const template = JSON.parse(
      readFileSync(join(workspace, 'dist/catalog/prod/cloudformation-template-update-stack.json'), 'utf8'),
    );
    delete template.Metadata.Platform.policy.suppress;
    writeFileSync(join(warningOnly, 'cloudformation-template-update-stack.json'), JSON.stringify(template));
    const { code: warningCode, stdout } = run([warningOnly], warningOnly);
    expect(stdout).toContain('policy: 1 finding (0 errors, 1 warning, 0 notes) in 1 template');
    expect(warningCode).toBe(EXIT_CODES.findings);
  });

  it('writes JSON with --format json', () => {
    const { code, stdout } = run(['dist', '--format', 'json', '--root', '.']);
    const report = JSON.parse(stdout);
    expect(code).toBe(EXIT_CODES.clean);
    expect(report.summary).toEqual({ templates: 1, errors: 0, warnings: 0, notes: 0, suppressed: 1 });
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({
        ruleId: 'SFP-LAMBDA-004',
        title: 'Functions have active X-Ray tracing',
        resource: 'HealthLambdaFunction',
        resourceType: 'AWS::Lambda::Function',
        location: { file: 'apps/catalog/serverless.yml', line: 22 },
        reason: expect.stringContaining('Health checks are not traced'),
      }),
    ]);
  });

  it('writes SARIF with --sarif, creating the folder', () => {
    const out = join(tempDir(), 'reports', 'policy.sarif');
    const { code } = run(['dist', '--root', '.', '--sarif', out]);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    expect(code).toBe(EXIT_CODES.clean);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'sfp-policy', version: '0.0.0' });
    expect(log.runs[0].results).toHaveLength(1);
  });

  it('finds every packaged template under a folder, recursively, skipping node_modules', () => {
    const dir = tempDir();
    const template = readFileSync(
      join(fixtures, 'many-faults/cloudformation-template-update-stack.json'),
      'utf8',
    );
    for (const folder of ['catalog/prod', 'inventory/prod/.serverless', 'node_modules/x']) {
      mkdirSync(join(dir, folder), { recursive: true });
      writeFileSync(join(dir, folder, 'cloudformation-template-update-stack.json'), template);
    }
    writeFileSync(join(dir, 'catalog/prod/cloudformation-template-create-stack.json'), '{}');
    const { stdout } = run([dir, join(dir, 'catalog/prod/cloudformation-template-update-stack.json')], dir);
    expect(
      stdout
        .split('\n')
        .map((line) => line.split(' ')[0] ?? '')
        .filter((path) => path.endsWith('cloudformation-template-update-stack.json')),
    ).toEqual([
      'catalog/prod/cloudformation-template-update-stack.json',
      'inventory/prod/.serverless/cloudformation-template-update-stack.json',
    ]);
  });

  it('prints usage with --help and exits 0', () => {
    expect(run(['--help'])).toEqual({ code: EXIT_CODES.clean, stdout: USAGE, stderr: '' });
    expect(run(['-h']).stdout).toContain('Exit codes: 0 no finding, 1 at least one unsuppressed finding');
  });

  it('prints the rule list with --docs', () => {
    const { code, stdout } = run(['--docs']);
    expect(code).toBe(EXIT_CODES.clean);
    expect(stdout).toMatch(/^# IaC policy rules\n/);
  });

  it.each([
    ['no template', [], 'give at least one template or folder'],
    ['an unknown option', ['--bogus', 'dist'], "Unknown option '--bogus'"],
    ['an unknown format', ['dist', '--format', 'xml'], '--format must be table or json, not "xml"'],
    ['--docs with a template', ['--docs', 'dist'], '--docs takes no template'],
    ['--sarif without a file', ['dist', '--sarif'], "Option '--sarif <value>' argument missing"],
  ])('exits 2 on bad usage: %s', (_case, argv, message) => {
    const { code, stdout, stderr } = run(argv);
    expect(code).toBe(EXIT_CODES.usage);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain('Run with --help for usage.');
  });

  it('exits 2 when a path does not exist or a folder holds no template', () => {
    expect(run(['missing.json'])).toMatchObject({
      code: EXIT_CODES.usage,
      stderr: expect.stringContaining('missing.json: no such file or folder'),
    });
    expect(run(['apps'])).toMatchObject({
      code: EXIT_CODES.usage,
      stderr: 'policy: apps: no cloudformation-template-update-stack.json under this folder\n',
    });
  });

  it('exits 2 on an invalid template, before printing any report', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.json'), '{ "Resources": ');
    const { code, stdout, stderr } = run([join(workspace, 'dist'), join(dir, 'broken.json')], dir);
    expect(code).toBe(EXIT_CODES.usage);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^policy: .*broken\.json is not valid JSON/);
  });

  it('exits 2 on a template path that is a folder without templates, named like one', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'cloudformation-template-update-stack.json'));
    expect(run(['cloudformation-template-update-stack.json'], dir)).toMatchObject({
      code: EXIT_CODES.usage,
      stderr: expect.stringContaining(
        'cloudformation-template-update-stack.json: no cloudformation-template-update-stack.json under this folder',
      ),
    });
  });

  it('points findings at the template when the serverless.yml named in the metadata cannot be read', () => {
    const dir = tempDir();
    cpSync(join(workspace, 'dist'), join(dir, 'dist'), { recursive: true });
    mkdirSync(join(dir, 'apps', 'catalog', 'serverless.yml'), { recursive: true });
    const { code, stdout } = run(['dist', '--root', '.', '--format', 'json'], dir);
    expect(code).toBe(EXIT_CODES.clean);
    expect(JSON.parse(stdout).suppressed[0].location.file).toBe(
      'dist/catalog/prod/cloudformation-template-update-stack.json',
    );
  });

  it('exits 2 when the SARIF file cannot be written', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    const { code, stderr } = run(['dist', '--root', '.', '--sarif', join(dir, 'file', 'policy.sarif')]);
    expect(code).toBe(EXIT_CODES.usage);
    expect(stderr).toContain('cannot write the SARIF file');
  });

  it('rethrows what is not a usage or input error', () => {
    const failing = () =>
      runCli(['dist', '--root', '.'], {
        stdout: () => {
          throw new RangeError('stdout closed');
        },
        stderr: () => undefined,
        cwd: workspace,
      });
    expect(failing).toThrow(RangeError);
  });

  it('uses the nearest folder with nx.json as the root by default', () => {
    const dir = tempDir();
    cpSync(workspace, dir, { recursive: true });
    writeFileSync(join(dir, 'nx.json'), '{}');
    const { stdout } = run(
      ['cloudformation-template-update-stack.json', '--format', 'json'],
      join(dir, 'dist/catalog/prod'),
    );
    expect(JSON.parse(stdout).suppressed[0].location).toEqual({
      file: 'apps/catalog/serverless.yml',
      line: 22,
    });
  });
});

describe('the policy command (npm run -s policy)', () => {
  const command = (args: string[]) =>
    spawnSync('npm', ['run', '-s', 'policy', '--', ...args], {
      cwd: workspaceRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('exits 1 with the report on stdout when a rule fails, 2 on bad usage', () => {
    const findings = command(['tools/policy/tests/fixtures/many-faults', '--format', 'json']);
    expect(findings.status).toBe(1);
    expect(JSON.parse(findings.stdout).summary.errors).toBe(8);
    const usage = command(['--format', 'xml', 'x']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--format must be table or json');
  });
});
