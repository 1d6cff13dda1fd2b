import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendDeployRecord,
  readDeployRecords,
  writeDeployRecords,
  type DeployRecord,
} from '../src/delivery-history';

const record = (service: string, status: DeployRecord['status']): DeployRecord => ({
  schema: 'serverless-factory/deploy@1',
  service,
  stage: 'dev',
  sha: 'e'.repeat(40),
  committedAt: '2026-12-01T10:00:00Z',
  startedAt: '2026-12-01T10:05:00Z',
  finishedAt: '2026-12-01T10:05:04Z',
  durationMs: 4000,
  status,
  changes: 3,
});

describe('the deploy history', () => {
  it('appends records (creating the file and its folder) and reads them back, oldest first', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'history-')), 'reports', 'history', 'deploys.jsonl');
    expect(readDeployRecords(file)).toEqual([]);
    appendDeployRecord(file, record('catalog', 'succeeded'));
    appendDeployRecord(file, record('orders', 'failed'));
    expect(readDeployRecords(file).map((entry) => [entry.service, entry.status])).toEqual([
      ['catalog', 'succeeded'],
      ['orders', 'failed'],
    ]);
  });

  it('replaces the whole file with the records written (creating its folder)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'history-')), 'reports', 'history', 'deploys.jsonl');
    writeDeployRecords(file, [record('catalog', 'succeeded')]);
    writeDeployRecords(file, [record('orders', 'failed'), record('inventory', 'succeeded')]);
    expect(readDeployRecords(file).map((entry) => entry.service)).toEqual(['orders', 'inventory']);
  });
});
