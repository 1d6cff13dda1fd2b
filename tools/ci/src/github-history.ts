import type { DeployRecord } from './delivery-history';

/** What {@link deployRecordsFromGitHub} reads. */
export interface GitHubHistoryOptions {
  /** `owner/name`. */
  repository: string;
  /** A token that may read Actions (the workflow's GITHUB_TOKEN with `actions: read`). */
  token: string;
  /** The REST API's base URL (GITHUB_API_URL; default https://api.github.com). */
  apiUrl?: string;
  /** The deploy workflow's file name. */
  workflow?: string;
  /** Runs created before this are not read. */
  since: Date;
  fetchFn?: typeof fetch;
}

interface WorkflowRun {
  id: number;
  head_sha: string;
  created_at: string;
  head_commit?: { timestamp?: string } | null;
}

interface Job {
  name: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
}

/**
 * A stage job of the deploy workflow: `<stage> / <service> to <stage>` (the reusable stage workflow's
 * job `${service} to ${stage}`, called by the job named after the stage).
 */
const DEPLOY_JOB = /(?:^|\/ )([a-z][a-z0-9-]*) to (dev|staging|prod)$/;

async function getJson<T>(url: string, options: GitHubHistoryOptions): Promise<T> {
  const response = await (options.fetchFn ?? fetch)(url, {
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${options.token}`,
      'x-github-api-version': '2022-11-28',
    },
  });
  if (!response.ok) {
    throw new Error(
      `GET ${url} answered ${response.status}: ${(await response.text()).slice(0, 200)} (does the token have actions: read?)`,
    );
  }
  return (await response.json()) as T;
}

/**
 * The deploy records of the pipeline in GitHub, read from the Actions API: one per stage job of the
 * deploy workflow's completed runs created since `since` (job conclusion `success` → succeeded,
 * `failure` → failed; cancelled and skipped jobs deployed nothing). The commit's timestamp is the
 * run's head commit's. Resource changes are not in the API: `changes` is 0. Oldest first, the same
 * records `make ci` appends to reports/history/deploys.jsonl, so `make report` computes the same
 * KPIs from either.
 *
 * @example
 * const records = await deployRecordsFromGitHub({
 *   repository: 'acme/serverless-factory',
 *   token: process.env['GITHUB_TOKEN'] ?? '',
 *   since: new Date(Date.now() - 28 * 86_400_000),
 * });
 */
export async function deployRecordsFromGitHub(options: GitHubHistoryOptions): Promise<DeployRecord[]> {
  const api = (options.apiUrl ?? 'https://api.github.com').replace(/\/$/, '');
  const workflow = options.workflow ?? 'deploy.yml';
  const created = `>=${options.since.toISOString().slice(0, 10)}`;
  const runs: WorkflowRun[] = [];
  for (let page = 1; page <= 10; page += 1) {
    const url = `${api}/repos/${options.repository}/actions/workflows/${workflow}/runs?status=completed&per_page=100&page=${page}&created=${encodeURIComponent(created)}`;
    const { workflow_runs: batch } = await getJson<{ workflow_runs: WorkflowRun[] }>(url, options);
    runs.push(...batch);
    if (batch.length < 100) break;
  }
  const records: DeployRecord[] = [];
  for (const run of runs) {
    const { jobs } = await getJson<{ jobs: Job[] }>(
      `${api}/repos/${options.repository}/actions/runs/${run.id}/jobs?per_page=100`,
      options,
    );
    for (const job of jobs) {
      const match = DEPLOY_JOB.exec(job.name);
      if (!match || !job.started_at || !job.completed_at) continue;
      if (job.conclusion !== 'success' && job.conclusion !== 'failure') continue;
      const [, service = '', stage = ''] = match;
      records.push({
        schema: 'serverless-factory/deploy@1',
        service,
        stage,
        sha: run.head_sha,
        committedAt: run.head_commit?.timestamp ?? run.created_at,
        startedAt: job.started_at,
        finishedAt: job.completed_at,
        durationMs: Date.parse(job.completed_at) - Date.parse(job.started_at),
        status: job.conclusion === 'success' ? 'succeeded' : 'failed',
        changes: 0,
        ...(job.conclusion === 'failure' ? { error: `job "${job.name}" failed (run ${run.id})` } : {}),
      });
    }
  }
  return records.sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
}
