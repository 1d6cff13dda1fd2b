import { appendFile } from 'node:fs/promises';

/** How a CLI prints a selection of services. */
export type OutputFormat = 'matrix' | 'list' | 'json' | 'markdown';

/** Every {@link OutputFormat}, for option parsing and help texts. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['matrix', 'list', 'json', 'markdown'];

/** One service considered, whether it was selected, and why. */
interface SelectionEntry {
  readonly service: string;
  readonly selected: boolean;
  readonly reasons: readonly string[];
  /** Deploy plans: the commit recorded as deployed, when there is one. */
  readonly deployedSha?: string;
}

/** A selection of services (affected by a change, or to deploy) with its context. */
export interface SelectionReport {
  /** Markdown heading, e.g. "Affected services" or "Deploy plan: dev". */
  readonly title: string;
  /** Shown in json and markdown, e.g. `{ base, head }` or `{ stage, head }`. */
  readonly context: Readonly<Record<string, string>>;
  readonly entries: readonly SelectionEntry[];
  /** Markdown line when nothing is selected, e.g. "No service is affected." */
  readonly emptyMessage: string;
}

/** The names of the selected services, in report order. */
function selectedServices(report: SelectionReport): string[] {
  return report.entries.filter((entry) => entry.selected).map((entry) => entry.service);
}

/**
 * A GitHub Actions matrix over the selected services: `{"include":[{"service":"catalog"}]}`,
 * and `{"include":[]}` when none is selected (guard the job with a count check).
 */
export function matrixOf(services: readonly string[]): string {
  return JSON.stringify({ include: services.map((service) => ({ service })) });
}

const MAX_REASONS_SHOWN = 5;

function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function markdownOf(report: SelectionReport): string {
  const context = Object.entries(report.context)
    .map(([key, value]) => `${key} \`${markdownCell(value)}\``)
    .join(', ');
  const lines = [`### ${report.title}`, '', context, ''];
  const count = selectedServices(report).length;
  if (count === 0) lines.push(report.emptyMessage, '');
  if (report.entries.length > 0) {
    lines.push('| service | selected | why |', '| --- | --- | --- |');
    for (const entry of report.entries) {
      const shown = entry.reasons.slice(0, MAX_REASONS_SHOWN).map(markdownCell);
      const hidden = entry.reasons.length - shown.length;
      if (hidden > 0) shown.push(`… and ${hidden} more`);
      lines.push(`| ${entry.service} | ${entry.selected ? 'yes' : 'no'} | ${shown.join('<br>')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * Renders a report: `matrix` (see {@link matrixOf}), `list` (`catalog,orders`, empty when none),
 * `json` (context + every entry) or `markdown` (a table for a job summary).
 *
 * @example
 * declare const report: SelectionReport;
 * formatReport(report, 'list'); // 'catalog,orders'
 */
export function formatReport(report: SelectionReport, format: OutputFormat): string {
  switch (format) {
    case 'matrix':
      return matrixOf(selectedServices(report));
    case 'list':
      return selectedServices(report).join(',');
    case 'json':
      return JSON.stringify({ ...report.context, services: report.entries }, null, 2);
    case 'markdown':
      return markdownOf(report);
  }
}

/**
 * Lines for `$GITHUB_OUTPUT`: `matrix=…`, `list=…` and `count=…` of the selected services.
 *
 * @example
 * declare const report: SelectionReport;
 * githubOutputs(report); // 'matrix={"include":[{"service":"catalog"}]}\nlist=catalog\ncount=1\n'
 * githubOutputs(report, 'dev_'); // 'dev_matrix=…\ndev_list=catalog\ndev_count=1\n'
 */
export function githubOutputs(report: SelectionReport, prefix = ''): string {
  const services = selectedServices(report);
  return `${prefix}matrix=${matrixOf(services)}\n${prefix}list=${services.join(',')}\n${prefix}count=${services.length}\n`;
}

/** Where {@link appendReportOutputs} writes, typically `$GITHUB_OUTPUT` and `$GITHUB_STEP_SUMMARY`. */
export interface ReportOutputFiles {
  readonly githubOutput?: string;
  /** Put before each output name (`dev_` → `dev_matrix=`), so one job can plan several stages. */
  readonly outputPrefix?: string;
  readonly summary?: string;
}

/** Appends {@link githubOutputs} and the markdown rendering to the given files (each optional). */
export async function appendReportOutputs(report: SelectionReport, files: ReportOutputFiles): Promise<void> {
  if (files.githubOutput !== undefined)
    await appendFile(files.githubOutput, githubOutputs(report, files.outputPrefix));
  if (files.summary !== undefined) await appendFile(files.summary, `${formatReport(report, 'markdown')}\n`);
}

/**
 * Prints a report on stdout in `format`, then appends it to the GitHub output and summary files
 * given: the ending of every CLI that selects services.
 */
export async function printReport(
  report: SelectionReport,
  format: OutputFormat,
  files: ReportOutputFiles,
): Promise<void> {
  process.stdout.write(`${formatReport(report, format)}\n`);
  await appendReportOutputs(report, files);
}
