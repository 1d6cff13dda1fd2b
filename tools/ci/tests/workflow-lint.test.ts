import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatFinding,
  isOutdatedLinterFinding,
  lintWorkflows,
  lintWorkflowText,
  workflowFiles,
} from '../src/workflow-lint';

const workspaceRoot = join(__dirname, '..', '..', '..');
const workflowsDir = join(workspaceRoot, '.github', 'workflows');

const valid = `name: ok
on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      attestations: write
    steps:
      - run: echo "\${{ vars.SOMETHING }}"
`;

describe('the repository workflows', () => {
  it('are pr.yml, deploy.yml (calling stage.yml), drift.yml and report.yml', async () => {
    expect((await workflowFiles(workflowsDir)).map((path) => path.slice(workflowsDir.length + 1))).toEqual([
      'deploy.yml',
      'drift.yml',
      'pr.yml',
      'report.yml',
      'stage.yml',
    ]);
  });

  it('pass actionlint with no finding', async () => {
    expect(await lintWorkflows(await workflowFiles(workflowsDir), workspaceRoot)).toEqual([]);
  });
});

describe('lintWorkflowText', () => {
  it('reports real problems: unknown job in needs, unknown context, unknown permission', async () => {
    const broken = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    needs: nope
    permissions:
      bogus: write
    steps:
      - run: echo "\${{ varz.X }}"
`;
    const findings = await lintWorkflowText(broken, 'broken.yml');
    expect(findings.map((finding) => finding.kind).sort()).toEqual([
      'expression',
      'job-needs',
      'permissions',
    ]);
    expect(findings.every((finding) => finding.file === 'broken.yml')).toBe(true);
  });

  it('drops only the findings of features newer than the linter (vars, attestations)', async () => {
    await expect(lintWorkflowText(valid, 'ok.yml')).resolves.toEqual([]);
  });
});

describe('isOutdatedLinterFinding', () => {
  it('matches the known messages of the known kinds only', () => {
    expect(
      isOutdatedLinterFinding({
        kind: 'expression',
        message: 'undefined variable "vars". available variables are …',
      }),
    ).toBe(true);
    expect(
      isOutdatedLinterFinding({
        kind: 'expression',
        message: 'undefined variable "varz". available variables are …',
      }),
    ).toBe(false);
    expect(
      isOutdatedLinterFinding({
        kind: 'syntax-check',
        message: 'undefined variable "vars". available variables are …',
      }),
    ).toBe(false);
  });
});

describe('workflowFiles', () => {
  it('lists .yml and .yaml files, sorted, and nothing for a missing folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-workflows-'));
    for (const name of ['b.yaml', 'a.yml', 'notes.md']) writeFileSync(join(dir, name), valid);
    expect(await workflowFiles(dir)).toEqual([join(dir, 'a.yml'), join(dir, 'b.yaml')]);
    expect(await workflowFiles(join(dir, 'missing'))).toEqual([]);
  });

  it('reports a path that cannot be listed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ci-workflows-')), 'a.yml');
    writeFileSync(file, valid);
    await expect(workflowFiles(file)).rejects.toThrow('ENOTDIR');
  });
});

describe('formatFinding', () => {
  it('prints file:line:column: message [kind]', () => {
    expect(formatFinding({ file: 'pr.yml', line: 3, column: 5, message: 'bad', kind: 'syntax-check' })).toBe(
      'pr.yml:3:5: bad [syntax-check]',
    );
  });
});
