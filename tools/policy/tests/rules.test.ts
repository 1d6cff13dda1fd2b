import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTemplate } from '../src/check-template';
import { subjectKey } from '../src/finding';
import { RETIRED_RULES } from '../src/retired-rules';
import { ALL_RULES } from '../src/rule-catalog';
import { parseTemplate } from '../src/template';

/*
 * Every rule has a folder tests/fixtures/rules/<RULE-ID>/ of templates named pass*.json and
 * fail*.json. Each states in Metadata.PolicyFixture.expect exactly what the rule must fire on
 * (logical ids, `suppress[<n>]`, `publicRoutes:<route>`): nothing for a pass fixture, every
 * offending subject for a fail fixture. The Description says what the fixture shows.
 */
const fixturesRoot = join(__dirname, 'fixtures', 'rules');

interface Fixture {
  name: string;
  description: string;
  expect: string[];
  text: string;
}

function readFixtures(ruleId: string): Fixture[] {
  const folder = join(fixturesRoot, ruleId);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(folder, name), 'utf8');
      const document = JSON.parse(text) as {
        Description: string;
        Metadata: { PolicyFixture: { expect: string[] } };
      };
      return {
        name,
        description: document.Description,
        expect: document.Metadata.PolicyFixture.expect,
        text,
      };
    });
}

describe.each(ALL_RULES.map((rule) => [rule.id, rule] as const))('%s', (ruleId) => {
  const fixtures = readFixtures(ruleId);

  it('has passing fixtures that expect nothing and failing fixtures that expect something', () => {
    const passing = fixtures.filter((fixture) => fixture.name.startsWith('pass'));
    const failing = fixtures.filter((fixture) => fixture.name.startsWith('fail'));
    expect(passing.length).toBeGreaterThan(0);
    expect(failing.length).toBeGreaterThan(0);
    expect(passing.filter((fixture) => fixture.expect.length > 0).map((fixture) => fixture.name)).toEqual([]);
    expect(failing.filter((fixture) => fixture.expect.length === 0).map((fixture) => fixture.name)).toEqual(
      [],
    );
    expect(passing.length + failing.length).toBe(fixtures.length);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture.description, fixture] as const))(
    '%s: %s',
    (name, _description, fixture) => {
      const fired = checkTemplate(parseTemplate(fixture.text, name))
        .filter((finding) => finding.ruleId === ruleId)
        .map(subjectKey);
      expect(fired.sort()).toEqual([...fixture.expect].sort());
    },
  );
});

describe('fixture folders', () => {
  it('exist only for active rules, and for retired ones (checkov runs over them: checkov-comparison.test.ts)', () => {
    const ids = new Set([...ALL_RULES, ...RETIRED_RULES].map((rule) => rule.id));
    expect(readdirSync(fixturesRoot).filter((folder) => !ids.has(folder))).toEqual([]);
  });
});
