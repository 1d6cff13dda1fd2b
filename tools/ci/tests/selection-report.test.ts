import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendReportOutputs,
  formatReport,
  githubOutputs,
  matrixOf,
  type SelectionReport,
} from '../src/selection-report';

const plan: SelectionReport = {
  title: 'Deploy plan: dev',
  context: { stage: 'dev', head: 'abc123' },
  entries: [
    {
      service: 'catalog',
      selected: true,
      reasons: ['libs/persistence changed since 0123456789ab'],
      deployedSha: '0'.repeat(40),
    },
    { service: 'inventory', selected: false, reasons: ['this commit is already deployed'] },
    { service: 'orders', selected: true, reasons: ['never deployed to dev'] },
  ],
  emptyMessage: 'Nothing to deploy to dev.',
};

const nothing: SelectionReport = {
  title: 'Affected services',
  context: { base: 'a', head: 'b' },
  entries: [],
  emptyMessage: 'No service is affected by this change.',
};

describe('matrixOf', () => {
  it('is a GitHub Actions matrix with one include per service', () => {
    expect(matrixOf(['catalog'])).toBe('{"include":[{"service":"catalog"}]}');
  });

  it('is an empty include list when no service is selected', () => {
    expect(matrixOf([])).toBe('{"include":[]}');
  });
});

describe('formatReport', () => {
  it('prints the matrix of the selected services only', () => {
    expect(formatReport(plan, 'matrix')).toBe('{"include":[{"service":"catalog"},{"service":"orders"}]}');
  });

  it('prints the list of the selected services, comma-separated, empty when none', () => {
    expect(formatReport(plan, 'list')).toBe('catalog,orders');
    expect(formatReport(nothing, 'list')).toBe('');
  });

  it('prints json with the context and every entry', () => {
    expect(JSON.parse(formatReport(plan, 'json'))).toEqual({
      stage: 'dev',
      head: 'abc123',
      services: plan.entries,
    });
  });

  it('prints a markdown table of every service, selected or not, and why', () => {
    expect(formatReport(plan, 'markdown')).toBe(
      [
        '### Deploy plan: dev',
        '',
        'stage `dev`, head `abc123`',
        '',
        '| service | selected | why |',
        '| --- | --- | --- |',
        '| catalog | yes | libs/persistence changed since 0123456789ab |',
        '| inventory | no | this commit is already deployed |',
        '| orders | yes | never deployed to dev |',
        '',
      ].join('\n'),
    );
  });

  it('says so in markdown when nothing is selected', () => {
    expect(formatReport(nothing, 'markdown')).toContain('No service is affected by this change.');
    expect(formatReport(nothing, 'markdown')).not.toContain('| service |');
  });

  it('keeps markdown tables intact and short', () => {
    const reasons = ['a | b', 'line\nbreak', 'c', 'd', 'e', 'f', 'g'];
    const markdown = formatReport(
      { ...nothing, entries: [{ service: 'x', selected: true, reasons }] },
      'markdown',
    );
    expect(markdown).toContain('| x | yes | a \\| b<br>line break<br>c<br>d<br>e<br>… and 2 more |');
  });
});

describe('githubOutputs', () => {
  it('gives matrix, list and count lines', () => {
    expect(githubOutputs(plan)).toBe(
      'matrix={"include":[{"service":"catalog"},{"service":"orders"}]}\nlist=catalog,orders\ncount=2\n',
    );
    expect(githubOutputs(nothing)).toBe('matrix={"include":[]}\nlist=\ncount=0\n');
  });
});

describe('appendReportOutputs', () => {
  it('appends the outputs and the markdown summary to the files given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-outputs-'));
    const githubOutput = join(dir, 'output');
    const summary = join(dir, 'summary.md');
    writeFileSync(githubOutput, 'earlier=1\n');
    await appendReportOutputs(plan, { githubOutput, summary });
    expect(readFileSync(githubOutput, 'utf8')).toBe(`earlier=1\n${githubOutputs(plan)}`);
    expect(readFileSync(summary, 'utf8')).toBe(`${formatReport(plan, 'markdown')}\n`);
  });

  it('writes nothing when no file is given', async () => {
    await expect(appendReportOutputs(plan, {})).resolves.toBeUndefined();
  });
});
