import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One deploy of one service to one stage, as `make ci` and the deploy workflow record it. */
export interface DeployRecord {
  readonly schema: 'serverless-factory/deploy@1';
  readonly service: string;
  readonly stage: string;
  /** The commit deployed. */
  readonly sha: string;
  /** Committer date of `sha` (ISO 8601): lead time is measured from it. */
  readonly committedAt: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly status: 'succeeded' | 'failed';
  /** Resource changes of the executed change set; 0 when nothing changed. */
  readonly changes: number;
  /** Why it failed, in one line. */
  readonly error?: string;
}

/** Where the deploy records live in a workspace (one JSON object per line, appended). */
export const DEPLOY_HISTORY_FILE = 'reports/history/deploys.jsonl';

/**
 * Appends a deploy record to the history file (created with its folder).
 *
 * @example
 * declare const record: DeployRecord;
 * appendDeployRecord(DEPLOY_HISTORY_FILE, record);
 */
export function appendDeployRecord(file: string, record: DeployRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/**
 * Replaces the history file with these records (a history read from elsewhere, the GitHub API).
 *
 * @example
 * declare const records: DeployRecord[];
 * writeDeployRecords(DEPLOY_HISTORY_FILE, records);
 */
export function writeDeployRecords(file: string, records: readonly DeployRecord[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
}

/**
 * Every deploy record of the history file, oldest first; `[]` when there is none yet.
 *
 * @example
 * readDeployRecords('reports/history/deploys.jsonl').filter((record) => record.stage === 'prod');
 */
export function readDeployRecords(file: string): DeployRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DeployRecord);
}
