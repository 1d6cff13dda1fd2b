import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CiError } from '../src/errors';
import { collectEvidence } from '../src/evidence';

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'evidence-ws-'));
  write(root, 'reports/junit/catalog.xml', '<testsuites/>');
  write(root, 'coverage/apps/catalog/lcov.info', 'TN:');
  write(root, 'coverage/apps/catalog/coverage-summary.json', '{}');
  write(root, 'coverage/apps/catalog/lcov-report/index.html', '<html/>');
  write(root, 'reports/sarif/policy.sarif', '{}');
  write(root, 'dist/catalog/dev/manifest.json', '{"service":"catalog"}');
  write(root, 'dist/catalog/dev/cloudformation-template-update-stack.json', '{}');
  write(root, 'dist/catalog/dev/health.zip', 'zip');
  return root;
}

describe('collectEvidence', () => {
  it('gathers JUnit, coverage, SARIF and per-service manifests and templates, and indexes them', async () => {
    const root = workspace();
    const out = join(root, 'evidence');
    write(out, 'catalog/dev/change-set.json', '{"Changes":[]}');
    const index = await collectEvidence({
      workspaceRoot: root,
      out,
      stage: 'dev',
      services: ['catalog'],
      gitSha: 'f'.repeat(40),
    });
    expect(index.files.map((f) => f.path)).toEqual([
      'README.md',
      'catalog/dev/change-set.json',
      'catalog/dev/cloudformation-template-update-stack.json',
      'catalog/dev/manifest.json',
      'coverage/apps/catalog/coverage-summary.json',
      'coverage/apps/catalog/lcov.info',
      'junit/catalog.xml',
      'sarif/policy.sarif',
    ]);
    expect(existsSync(join(out, 'catalog/dev/health.zip'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'))).toMatchObject({
      gitSha: 'f'.repeat(40),
      stage: 'dev',
      services: ['catalog'],
    });
    expect(index.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes a README that says what was built, tested, scanned and deployed, with links to the files', async () => {
    const root = workspace();
    write(
      root,
      'reports/junit/catalog.xml',
      '<testsuite><testcase name="a"/><testcase name="b"><failure/></testcase></testsuite>',
    );
    write(root, 'reports/sarif/policy.sarif', JSON.stringify({ runs: [{ results: [{}, {}] }] }));
    write(
      root,
      'coverage/combined/coverage-summary.json',
      JSON.stringify({ total: { lines: { pct: 95.25 } } }),
    );
    write(root, 'coverage/combined/lcov.info', 'TN:');
    const out = join(root, 'evidence');
    write(out, 'catalog/dev/deploy.json', '{"status":"deployed"}');
    write(out, 'catalog/dev/change-set.json', '{"Changes":[]}');
    write(out, 'sbom/catalog.cdx.json', '{}');
    await collectEvidence({
      workspaceRoot: root,
      out,
      stage: 'dev',
      services: ['catalog'],
      gitSha: 'f'.repeat(40),
    });
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toContain('# Evidence of ffffffffffff (dev)');
    expect(readme).toContain(
      '| catalog | [manifest.json](catalog/dev/manifest.json) | [cloudformation-template-update-stack.json](catalog/dev/cloudformation-template-update-stack.json) | deployed ([change set](catalog/dev/change-set.json)) |',
    );
    expect(readme).toContain('| [catalog](junit/catalog.xml) | 1 | 1 | 0 |');
    expect(readme).toContain('Line coverage of every project together: 95.3 %');
    expect(readme).toContain('| [policy](sarif/policy.sarif) | 2 |');
    expect(readme).toContain('- [catalog.cdx.json](sbom/catalog.cdx.json)');
  });

  it('fails listing everything that is missing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'evidence-empty-'));
    const failure = collectEvidence({
      workspaceRoot: root,
      out: join(root, 'evidence'),
      stage: 'prod',
      services: ['orders'],
      gitSha: 'x',
    });
    await expect(failure).rejects.toThrow(CiError);
    await expect(
      collectEvidence({
        workspaceRoot: root,
        out: join(root, 'evidence'),
        stage: 'prod',
        services: ['orders'],
        gitSha: 'x',
      }),
    ).rejects.toThrow(/JUnit.*coverage.*SARIF.*dist\/orders\/prod\/manifest\.json/s);
  });
});
