import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countJUnit } from './junit-summary';

/** Files directly in `dir` ending with `suffix`, sorted. */
function filesIn(dir: string, suffix: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith(suffix))
        .sort()
    : [];
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/**
 * The human summary of an evidence folder (`evidence/README.md`): what was built, tested, scanned
 * and deployed, each with links to the files that prove it. Reads only what is in `out`.
 *
 * @example
 * evidenceReadme('evidence', { gitSha: 'a'.repeat(40), stage: 'dev', services: ['orders'] }).startsWith('# Evidence'); // true
 */
export function evidenceReadme(
  out: string,
  build: { gitSha: string; stage: string; services: string[] },
): string {
  const lines = [
    `# Evidence of ${build.gitSha.slice(0, 12)} (${build.stage})`,
    '',
    `Commit \`${build.gitSha}\`, stage \`${build.stage}\`, services ${build.services.map((s) => `\`${s}\``).join(', ')}.`,
    'Every file here has its sha256 in [index.json](index.json).',
    '',
    '## Built',
    '',
    '| service | manifest | template | deployed |',
    '| --- | --- | --- | --- |',
  ];
  for (const service of build.services) {
    const dir = `${service}/${build.stage}`;
    const link = (name: string) => (existsSync(join(out, dir, name)) ? `[${name}](${dir}/${name})` : 'none');
    const deploy = join(out, dir, 'deploy.json');
    const status = existsSync(deploy)
      ? String((readJson(deploy) as { status?: unknown }).status ?? 'recorded')
      : 'not deployed';
    lines.push(
      `| ${service} | ${link('manifest.json')} | ${link('cloudformation-template-update-stack.json')} | ${status}${existsSync(join(out, dir, 'change-set.json')) ? ` ([change set](${dir}/change-set.json))` : ''} |`,
    );
  }
  lines.push('', '## Tested', '', '| report | passed | failed | skipped |', '| --- | ---: | ---: | ---: |');
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const name of filesIn(join(out, 'junit'), '.xml')) {
    const counts = countJUnit(readFileSync(join(out, 'junit', name), 'utf8'));
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    lines.push(
      `| [${name.slice(0, -4)}](junit/${name}) | ${counts.passed} | ${counts.failed} | ${counts.skipped} |`,
    );
  }
  lines.push(`| **all** | **${totals.passed}** | **${totals.failed}** | **${totals.skipped}** |`);
  const combined = join(out, 'coverage', 'combined', 'coverage-summary.json');
  if (existsSync(combined)) {
    const pct = (readJson(combined) as { total: { lines: { pct: number } } }).total.lines.pct;
    lines.push(
      '',
      `Line coverage of every project together: ${pct.toFixed(1)} % ([lcov](coverage/combined/lcov.info)).`,
    );
  }
  lines.push('', '## Scanned', '', '| tool | findings |', '| --- | ---: |');
  for (const name of filesIn(join(out, 'sarif'), '.sarif')) {
    const runs = (readJson(join(out, 'sarif', name)) as { runs?: Array<{ results?: unknown[] }> }).runs ?? [];
    const findings = runs.reduce((sum, run) => sum + (run.results?.length ?? 0), 0);
    lines.push(`| [${name.slice(0, -'.sarif'.length)}](sarif/${name}) | ${findings} |`);
  }
  const sboms = filesIn(join(out, 'sbom'), '.json');
  if (sboms.length > 0) {
    lines.push('', '## Software bill of materials', '', ...sboms.map((name) => `- [${name}](sbom/${name})`));
  }
  return `${lines.join('\n')}\n`;
}
