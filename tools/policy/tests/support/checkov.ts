import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../../..');
const checkovBinary = join(workspaceRoot, '.venv', 'bin', 'checkov');

interface FailedCheck {
  check_id: string;
  file_abs_path: string;
  resource: string;
}

/**
 * Runs the pinned checkov (tools/python/requirements.txt, installed into .venv by make) over the
 * CloudFormation templates in `dir`, offline, and returns its failed checks keyed by
 * "<absolute template path>#<logical id>".
 */
export function failedCheckovChecks(dir: string): Map<string, Set<string>> {
  if (!existsSync(checkovBinary)) {
    throw new Error(`no checkov at ${checkovBinary}: run \`make python-tools\` (make test does it for you)`);
  }
  const run = spawnSync(
    checkovBinary,
    ['-d', dir, '--framework', 'cloudformation', '-o', 'json', '--quiet', '--compact', '--skip-download'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, cwd: workspaceRoot },
  );
  if (run.status !== 0 && run.status !== 1) throw new Error(`checkov failed (${run.status}): ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { results: { failed_checks?: FailedCheck[] } };
  const failed = new Map<string, Set<string>>();
  for (const check of report.results.failed_checks ?? []) {
    const key = `${resolve(workspaceRoot, check.file_abs_path)}#${check.resource.split('.').slice(1).join('.')}`;
    failed.set(key, (failed.get(key) ?? new Set()).add(check.check_id));
  }
  return failed;
}
