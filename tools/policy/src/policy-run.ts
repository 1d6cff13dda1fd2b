import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkTemplate } from './check-template';
import { readPlatformMetadata } from './platform-metadata';
import { locateFindings, type LocatedFinding } from './source-locations';
import { parseTemplate } from './template';
import { displayPath, readTextFile, resolveTemplatePaths } from './template-files';

/** The findings of one template, located. */
export interface TemplateResult {
  /** The template, relative to the workspace root when inside it. */
  templateFile: string;
  service?: string;
  stage?: string;
  /** The service's serverless.yml when the template names it and it could be read. */
  sourceFile?: string;
  /** Every finding, suppressed ones included (they carry `suppression`). */
  findings: LocatedFinding[];
}

/**
 * The workspace root: the nearest folder from `start` upwards that holds `nx.json`, else `start`.
 */
export function findWorkspaceRoot(start: string): string {
  for (let folder = resolve(start); ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'nx.json'))) return folder;
    if (dirname(folder) === folder) return resolve(start);
  }
}

/** The text of a file, or `undefined` when it is missing or unreadable (findings then point at the template). */
function readOptionalText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Checks templates given as files or folders. Every template is read and parsed before any is
 * checked, so a bad argument fails the run before any output.
 *
 * @throws TemplateReadError or InvalidTemplateError, naming the file.
 * @example
 * const results = runPolicy(['dist/catalog/prod'], { cwd: process.cwd(), root: '/repo' });
 */
export function runPolicy(
  inputs: readonly string[],
  options: { cwd: string; root: string },
): TemplateResult[] {
  const loaded = resolveTemplatePaths(inputs, options.cwd).map((path) => {
    const text = readTextFile(path);
    return { path, text, template: parseTemplate(text, displayPath(path, options.root)) };
  });
  return loaded.map(({ path, text, template }) => {
    const platform = readPlatformMetadata(template);
    const sourcePath = platform.source === undefined ? undefined : resolve(options.root, platform.source);
    const sourceText = sourcePath === undefined ? undefined : readOptionalText(sourcePath);
    const source =
      sourcePath !== undefined && sourceText !== undefined
        ? { file: displayPath(sourcePath, options.root), text: sourceText }
        : undefined;
    const templateFile = displayPath(path, options.root);
    return {
      templateFile,
      service: platform.service,
      stage: platform.stage,
      sourceFile: source?.file,
      findings: locateFindings(checkTemplate(template), {
        template,
        templateFile,
        templateText: text,
        source,
      }),
    };
  });
}

/** Counts of unsuppressed findings by level, and of suppressed ones. */
export interface FindingCounts {
  templates: number;
  errors: number;
  warnings: number;
  notes: number;
  suppressed: number;
}

/** Sums the findings of every template. */
export function countFindings(results: readonly TemplateResult[]): FindingCounts {
  const counts: FindingCounts = {
    templates: results.length,
    errors: 0,
    warnings: 0,
    notes: 0,
    suppressed: 0,
  };
  for (const finding of results.flatMap((result) => result.findings)) {
    if (finding.suppression) counts.suppressed += 1;
    else if (finding.level === 'error') counts.errors += 1;
    else if (finding.level === 'warning') counts.warnings += 1;
    else counts.notes += 1;
  }
  return counts;
}
