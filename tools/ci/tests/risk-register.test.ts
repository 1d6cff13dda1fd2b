import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { riskRegisterProblems } from '../src/risk-register';

const header = '| id | risk | owner | mitigation | next review |\n| --- | --- | --- | --- | --- |\n';

describe('docs/risks.md', () => {
  it('gives every risk an owner, a mitigation and a review date that has not passed', () => {
    const register = readFileSync(join(__dirname, '../../../docs/risks.md'), 'utf8');
    expect(riskRegisterProblems(register, new Date())).toEqual([]);
  });
});

describe('riskRegisterProblems', () => {
  const today = new Date('2026-12-08T12:00:00Z');

  it('fails a row without an owner', () => {
    expect(riskRegisterProblems(`${header}| R1 | a risk |  | a plan | 2027-01-01 |\n`, today)).toEqual([
      'R1: no owner',
    ]);
  });

  it('fails a review date in the past, and passes one today', () => {
    expect(
      riskRegisterProblems(
        `${header}| R1 | a | team-a | m | 2026-12-07 |\n| R2 | b | team-b | m | 2026-12-08 |\n`,
        today,
      ),
    ).toEqual(['R1: review date 2026-12-07 has passed']);
  });

  it('fails a missing mitigation, a date that is not YYYY-MM-DD, and a file with no register', () => {
    expect(riskRegisterProblems(`${header}| R1 | a | team-a |  | next spring |\n`, today)).toEqual([
      'R1: no mitigation',
      'R1: next review "next spring" is not a YYYY-MM-DD date',
    ]);
    expect(riskRegisterProblems('# Risks\n\nnone yet\n', today)).toEqual([
      'no table with the columns id, owner, mitigation and next review',
    ]);
    expect(riskRegisterProblems(header, today)).toEqual(['the register lists no risk']);
  });
});
