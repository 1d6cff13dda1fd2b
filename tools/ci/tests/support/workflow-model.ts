import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const workspaceRoot = join(__dirname, '..', '..', '..', '..');
const workflowsDir = join(workspaceRoot, '.github', 'workflows');

/** One step of a job or a composite action. */
export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

/** One job: steps, or a call of a reusable workflow (`uses`). */
export interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  environment?: unknown;
  env?: Record<string, unknown>;
  steps?: Step[];
  uses?: string;
  with?: Record<string, unknown>;
  strategy?: { matrix?: unknown };
}

/** A workflow file, parsed, with its text (comments are not in the parse). */
export interface Workflow {
  file: string;
  text: string;
  on: Record<string, unknown>;
  permissions?: unknown;
  env?: Record<string, unknown>;
  jobs: Record<string, Job>;
}

export function loadWorkflows(): Workflow[] {
  return readdirSync(workflowsDir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(join(workflowsDir, file), 'utf8');
      const parsed = parse(text) as Record<string, unknown>;
      return {
        file,
        text,
        // `on` is a YAML 1.1 boolean to some parsers; the yaml package keeps it a string.
        on: (parsed['on'] ?? {}) as Record<string, unknown>,
        permissions: parsed['permissions'],
        env: parsed['env'] as Record<string, unknown> | undefined,
        jobs: parsed['jobs'] as Record<string, Job>,
      };
    });
}

/** The composite actions of the repository (`.github/actions/<name>/action.yml`), by path. */
export function loadCompositeActions(): Array<{ path: string; text: string; steps: Step[] }> {
  const dir = join(workspaceRoot, '.github', 'actions');
  return readdirSync(dir).map((name) => {
    const path = `./.github/actions/${name}`;
    const text = readFileSync(join(dir, name, 'action.yml'), 'utf8');
    const parsed = parse(text) as { runs: { steps: Step[] } };
    return { path, text, steps: parsed.runs.steps };
  });
}

function needsOf(job: Job): string[] {
  if (job.needs === undefined) return [];
  return Array.isArray(job.needs) ? job.needs : [job.needs];
}

/** Every job `id` needs, directly or not, within its workflow. */
export function needsClosure(workflow: Workflow, id: string): Set<string> {
  const reached = new Set<string>();
  const queue = [...needsOf(workflow.jobs[id] ?? {})];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (reached.has(next)) continue;
    reached.add(next);
    queue.push(...needsOf(workflow.jobs[next] ?? {}));
  }
  return reached;
}

/** The make targets the Makefile defines. */
export function makeTargets(): Set<string> {
  const text = readFileSync(join(workspaceRoot, 'Makefile'), 'utf8');
  return new Set([...text.matchAll(/^([a-z][a-z0-9-]*):/gm)].map((match) => match[1] ?? ''));
}

/** A string with every `${{ … }}` expression turned into `*`, for matching names against templates. */
function wildcard(text: string): RegExp {
  const pattern = text
    .split(/\$\{\{[^}]*\}\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`);
}

/** Whether two artifact names (each possibly with `${{ … }}` parts) can be the same. */
export function namesCanMatch(a: string, b: string): boolean {
  return (
    wildcard(a).test(b.replace(/\$\{\{[^}]*\}\}/g, 'x')) ||
    wildcard(b).test(a.replace(/\$\{\{[^}]*\}\}/g, 'x'))
  );
}

/** The names `${stageEnv:NAME…}` reads anywhere in the serverless configuration. */
export function stageVariables(): string[] {
  const files = [
    join(workspaceRoot, 'serverless', 'service-defaults.yml'),
    ...readdirSync(join(workspaceRoot, 'apps')).map((app) =>
      join(workspaceRoot, 'apps', app, 'serverless.yml'),
    ),
  ];
  const names = new Set<string>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const code = text
      .split('\n')
      .filter((line) => !/^\s*#/.test(line))
      .join('\n');
    for (const match of code.matchAll(/\$\{stageEnv:([A-Z][A-Z0-9_]*)/g)) names.add(match[1] ?? '');
  }
  return [...names].sort();
}
