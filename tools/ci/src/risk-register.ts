/** One row of docs/risks.md. */
interface RiskRow {
  readonly id: string;
  readonly owner: string;
  readonly mitigation: string;
  readonly nextReview: string;
}

const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());

/**
 * What is wrong with a risk register (the Markdown table of docs/risks.md, columns `id`, `risk`,
 * `owner`, `mitigation`, `next review`): a row without an owner or a mitigation, a review date that
 * is not `YYYY-MM-DD` or is before `today`, or no table at all. `[]` when it is sound.
 *
 * @example
 * riskRegisterProblems('| id | risk | owner | mitigation | next review |\n| - | - | - | - | - |\n| R1 | x | | y | 2020-01-01 |', new Date());
 * // ['R1: no owner', 'R1: review date 2020-01-01 has passed']
 */
export function riskRegisterProblems(markdown: string, today: Date): string[] {
  const lines = markdown.split('\n').filter((line) => line.trim().startsWith('|'));
  const header = lines[0] ? cells(lines[0]).map((cell) => cell.toLowerCase()) : [];
  const column = (name: string): number => header.indexOf(name);
  const [id, owner, mitigation, review] = ['id', 'owner', 'mitigation', 'next review'].map(column);
  if ([id, owner, mitigation, review].some((index) => index === undefined || index < 0))
    return ['no table with the columns id, owner, mitigation and next review'];
  const day = today.toISOString().slice(0, 10);
  const rows: RiskRow[] = lines.slice(2).map((line) => {
    const row = cells(line);
    const at = (index: number | undefined): string => (index === undefined ? '' : (row[index] ?? ''));
    return { id: at(id), owner: at(owner), mitigation: at(mitigation), nextReview: at(review) };
  });
  if (rows.length === 0) return ['the register lists no risk'];
  return rows.flatMap((row) => {
    const problems: string[] = [];
    if (row.owner === '') problems.push(`${row.id}: no owner`);
    if (row.mitigation === '') problems.push(`${row.id}: no mitigation`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.nextReview) || Number.isNaN(Date.parse(row.nextReview)))
      problems.push(`${row.id}: next review "${row.nextReview}" is not a YYYY-MM-DD date`);
    else if (row.nextReview < day) problems.push(`${row.id}: review date ${row.nextReview} has passed`);
    return problems;
  });
}
