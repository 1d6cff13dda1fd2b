import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKOV_RESULTS, type CheckovResult, checkovVerdict } from '../src/checkov-comparison';
import { RETIRED_RULES } from '../src/retired-rules';
import { ALL_RULES } from '../src/rule-catalog';
import { failedCheckovChecks } from './support/checkov';

/*
 * Runs the pinned checkov (tools/python/requirements.txt, in .venv) over every rule's fixtures —
 * the failing templates that show a fault and the passing ones that show it fixed — and compares
 * what it reports with the table in src/checkov-comparison.ts, which docs/policy.md prints.
 */
const fixturesRoot = join(__dirname, 'fixtures', 'rules');

interface RuleFixtures {
  /** "<fixture path>#<subject>" of every fault the rule reports in its failing fixtures. */
  faults: string[];
  passing: string[];
}

function fixturesOf(ruleId: string): RuleFixtures {
  const folder = join(fixturesRoot, ruleId);
  const files = readdirSync(folder).filter((name) => name.endsWith('.json'));
  return {
    faults: files
      .filter((name) => name.startsWith('fail'))
      .flatMap((name) => {
        const text = readFileSync(join(folder, name), 'utf8');
        const expected = (JSON.parse(text) as { Metadata: { PolicyFixture: { expect: string[] } } }).Metadata
          .PolicyFixture.expect;
        return expected.map((subject) => `${join(folder, name)}#${subject}`);
      }),
    passing: files.filter((name) => name.startsWith('pass')).map((name) => join(folder, name)),
  };
}

function measure(failed: Map<string, Set<string>>, ruleId: string, checks: readonly string[]): CheckovResult {
  const { faults, passing } = fixturesOf(ruleId);
  const catches = (key: string) => checks.some((check) => failed.get(key)?.has(check));
  return {
    faults: faults.length,
    caught: faults.filter(catches).length,
    failsPassing: [...failed.keys()].some(
      (key) => passing.some((file) => key.startsWith(`${file}#`)) && catches(key),
    ),
  };
}

const rules = [
  ...ALL_RULES.map((rule) => ({ id: rule.id, checks: rule.mappings.checkov, retired: false })),
  ...RETIRED_RULES.map((rule) => ({ id: rule.id, checks: rule.checkov, retired: true })),
];

describe('checkov beside the platform checker, on the rule fixtures', () => {
  let failed: Map<string, Set<string>>;
  beforeAll(() => {
    failed = failedCheckovChecks(fixturesRoot);
  }, 180_000);

  it('reports on the fixtures what src/checkov-comparison.ts (and docs/policy.md) says, rule by rule', () => {
    const measured = Object.fromEntries(
      rules.map((rule) => [rule.id, measure(failed, rule.id, rule.checks)]),
    );
    expect(measured).toEqual(CHECKOV_RESULTS);
  });

  it('leaves no active rule that checkov covers the same way (such a rule is retired)', () => {
    const covered = ALL_RULES.filter(
      (rule) =>
        checkovVerdict(rule.mappings.checkov, measure(failed, rule.id, rule.mappings.checkov)) === 'same',
    );
    expect(covered.map((rule) => rule.id)).toEqual([]);
  });

  it.each(RETIRED_RULES.filter((rule) => rule.checkov.length > 0).map((rule) => [rule.id, rule] as const))(
    'catches every fault of retired %s with its replacement checks, and none on the fixed templates',
    (id, rule) => {
      expect(checkovVerdict(rule.checkov, measure(failed, id, rule.checkov))).toBe('same');
    },
  );
});
