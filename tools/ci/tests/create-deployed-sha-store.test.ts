import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeployedShaStore } from '../src/create-deployed-sha-store';
import { SsmDeployedShaStore } from '../src/ssm-deployed-sha-store';

const sha = 'a'.repeat(40);

describe('createDeployedShaStore', () => {
  it('builds a file store under <cwd>/.local/deployed by default', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ci-workspace-'));
    await createDeployedShaStore('file', { cwd }).put('catalog', 'dev', sha);
    expect(existsSync(join(cwd, '.local', 'deployed', 'dev', 'catalog'))).toBe(true);
  });

  it('builds a file store in the folder asked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-state-'));
    await createDeployedShaStore('file', { cwd: '/nonexistent', dir }).put('catalog', 'dev', sha);
    expect(existsSync(join(dir, 'dev', 'catalog'))).toBe(true);
  });

  it('builds an SSM store with the app prefix asked for', () => {
    const store = createDeployedShaStore('ssm', { cwd: '/repo', app: 'shop' });
    if (!(store instanceof SsmDeployedShaStore)) throw new Error('expected an SsmDeployedShaStore');
    expect(store.parameterName('catalog', 'prod')).toBe('/shop/prod/catalog/deployed-sha');
  });
});
