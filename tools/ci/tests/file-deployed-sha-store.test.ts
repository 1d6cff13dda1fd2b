import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeployedShaStoreError } from '../src/errors';
import { FileDeployedShaStore } from '../src/file-deployed-sha-store';

const sha = 'a'.repeat(40);

describe('FileDeployedShaStore', () => {
  let dir: string;
  let store: FileDeployedShaStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ci-deployed-'));
    store = new FileDeployedShaStore({ dir });
  });

  it('reads nothing for a service never deployed', async () => {
    await expect(store.get('catalog', 'dev')).resolves.toBeUndefined();
  });

  it('records a sha in <dir>/<stage>/<service> and reads it back', async () => {
    await store.put('catalog', 'dev', sha);
    expect(readFileSync(join(dir, 'dev', 'catalog'), 'utf8')).toBe(`${sha}\n`);
    await expect(store.get('catalog', 'dev')).resolves.toBe(sha);
    await expect(store.get('catalog', 'prod')).resolves.toBeUndefined();
  });

  it('overwrites the previous record', async () => {
    await store.put('catalog', 'dev', sha);
    await store.put('catalog', 'dev', 'b'.repeat(40));
    await expect(store.get('catalog', 'dev')).resolves.toBe('b'.repeat(40));
  });

  it('accepts SHA-256 commit ids', async () => {
    await store.put('catalog', 'dev', 'c'.repeat(64));
    await expect(store.get('catalog', 'dev')).resolves.toBe('c'.repeat(64));
  });

  it('refuses to record something that is not a full sha', async () => {
    await expect(store.put('catalog', 'dev', 'abc123')).rejects.toThrow(DeployedShaStoreError);
    await expect(store.put('catalog', 'dev', 'HEAD')).rejects.toThrow('not a full commit sha');
  });

  it('reports a corrupted record instead of trusting it', async () => {
    mkdirSync(join(dir, 'dev'));
    writeFileSync(join(dir, 'dev', 'catalog'), 'not a sha\n');
    await expect(store.get('catalog', 'dev')).rejects.toThrow(DeployedShaStoreError);
  });

  it('refuses names that would escape its folder', async () => {
    await expect(store.get('../catalog', 'dev')).rejects.toThrow(
      'service "../catalog" must start with a letter or digit',
    );
    expect(() => store.pathOf('catalog', 'dev/../../x')).toThrow(DeployedShaStoreError);
  });

  it('reports a record it cannot read', async () => {
    mkdirSync(join(dir, 'dev', 'catalog'), { recursive: true }); // a folder where the file should be
    await expect(store.get('catalog', 'dev')).rejects.toThrow(`cannot read ${join(dir, 'dev', 'catalog')}`);
  });

  it('reports a record it cannot write', async () => {
    writeFileSync(join(dir, 'dev'), 'a file where the stage folder should be');
    await expect(store.put('catalog', 'dev', sha)).rejects.toThrow(
      `cannot write ${join(dir, 'dev', 'catalog')}`,
    );
  });
});
