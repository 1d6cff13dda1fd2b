import { countFindings, type FindingCounts, type TemplateResult } from './policy-run';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The last line of every report: what failed, what was suppressed, over how many templates. */
export function summaryLine(counts: FindingCounts): string {
  const failing = counts.errors + counts.warnings + counts.notes;
  const suppressed = counts.suppressed > 0 ? `, ${counts.suppressed} suppressed` : '';
  if (failing === 0) return `policy: no findings in ${plural(counts.templates, 'template')}${suppressed}`;
  return (
    `policy: ${plural(failing, 'finding')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ` +
    `${plural(counts.notes, 'note')}) in ${plural(counts.templates, 'template')}${suppressed}`
  );
}

/** Left-aligns rows of cells into columns two spaces apart. */
function alignColumns(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>(
    (max, row) => row.map((cell, index) => Math.max(max[index] ?? 0, cell.length)),
    [],
  );
  return rows.map((row) =>
    row
      .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * The report for people: per template, one line per finding (level, rule, `file:line`, message),
 * the suppressed findings with their reasons, then the summary line.
 *
 * @example
 * import { runPolicy } from './policy-run';
 * process.stdout.write(formatTable(runPolicy(['dist'], { cwd: process.cwd(), root: process.cwd() })));
 */
export function formatTable(results: readonly TemplateResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    const about = [
      result.service && `service ${result.service}`,
      result.stage && `stage ${result.stage}`,
    ].filter(Boolean);
    lines.push(`${result.templateFile}${about.length > 0 ? ` (${about.join(', ')})` : ''}`);
    const location = (finding: (typeof result.findings)[number]) =>
      `${finding.location.file}:${finding.location.line}`;
    const failing = result.findings.filter((finding) => !finding.suppression);
    const suppressed = result.findings.filter((finding) => finding.suppression);
    if (failing.length === 0) lines.push('  no findings');
    else {
      const rows = alignColumns([
        ['LEVEL', 'RULE', 'LOCATION', 'MESSAGE'],
        ...failing.map((finding) => [finding.level, finding.ruleId, location(finding), finding.message]),
      ]);
      lines.push(...rows.map((row) => `  ${row}`));
    }
    if (suppressed.length > 0) {
      lines.push('  suppressed:');
      const rows = alignColumns(
        suppressed.map((finding) => [
          finding.ruleId,
          location(finding),
          `${finding.message} (reason: ${finding.suppression?.reason})`,
        ]),
      );
      lines.push(...rows.map((row) => `    ${row}`));
    }
    lines.push('');
  }
  lines.push(summaryLine(countFindings(results)));
  return `${lines.join('\n')}\n`;
}
