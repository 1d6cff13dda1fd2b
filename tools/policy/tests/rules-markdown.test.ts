import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../src/rule-catalog';
import { readPlatformWaivers, renderRulesMarkdown } from '../src/rules-markdown';

const workspaceRoot = join(__dirname, '..', '..', '..');

describe('docs/policy.md', () => {
  it('is the text generated from the rule definitions (regenerate: npm run -s policy -- --docs > docs/policy.md)', () => {
    expect(readFileSync(join(workspaceRoot, 'docs', 'policy.md'), 'utf8')).toBe(
      renderRulesMarkdown({ waivers: readPlatformWaivers(workspaceRoot) }),
    );
  });
});

describe('renderRulesMarkdown', () => {
  const markdown = renderRulesMarkdown({ waivers: readPlatformWaivers(workspaceRoot) });

  it('lists every rule in the summary table and gives each a section with its mappings and remediation', () => {
    for (const rule of ALL_RULES) {
      expect(markdown).toMatch(
        new RegExp(`^\\| \\[${rule.id}\\]\\(#${rule.id.toLowerCase()}\\) +\\| ${rule.severity} +\\|`, 'm'),
      );
      const section = markdown.split(`### ${rule.id}\n`)[1]?.split('\n### ')[0] ?? '';
      expect(section).toContain(`**${rule.title}**`);
      expect(section).toContain(`- Severity: ${rule.severity}`);
      expect(section).toContain(`- NIST SP 800-53 rev. 5: ${rule.mappings.nist80053.join(', ')}`);
      expect(section).toContain(`Remediation: ${rule.remediation}`);
    }
  });

  it('is already formatted the way the repository formatter (Prettier) writes Markdown', () => {
    const prettier = spawnSync(
      join(workspaceRoot, 'node_modules', '.bin', 'prettier'),
      ['--stdin-filepath', 'docs/policy.md'],
      {
        cwd: workspaceRoot,
        input: markdown,
        encoding: 'utf8',
      },
    );
    expect(prettier.stderr).toBe('');
    expect(prettier.stdout).toBe(markdown);
  });
});
