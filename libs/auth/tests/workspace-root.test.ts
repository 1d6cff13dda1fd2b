import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DevIssuerError, findWorkspaceRoot } from '../src/dev-issuer';

const workspaceRoot = resolve(__dirname, '../../..');

describe('findWorkspaceRoot', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'workspace-root-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('walks up to the nearest folder holding nx.json', () => {
    writeFileSync(join(scratch, 'nx.json'), '{}');
    const nested = join(scratch, 'apps', 'orders', 'src');
    mkdirSync(nested, { recursive: true });
    expect(findWorkspaceRoot(nested)).toBe(scratch);
    expect(findWorkspaceRoot(scratch)).toBe(scratch);
  });

  it('says so when no folder above holds nx.json', () => {
    expect(() => findWorkspaceRoot(scratch)).toThrow(DevIssuerError);
    expect(() => findWorkspaceRoot(scratch)).toThrow(/No nx\.json in .*DEV_ISSUER_DIR/);
  });

  it('starts at the working directory by default', () => {
    expect(findWorkspaceRoot()).toBe(workspaceRoot);
  });

  it('falls back to its own folder when the working directory is outside any workspace', () => {
    const cwd = process.cwd();
    process.chdir(scratch);
    try {
      expect(findWorkspaceRoot()).toBe(workspaceRoot);
    } finally {
      process.chdir(cwd);
    }
  });
});
