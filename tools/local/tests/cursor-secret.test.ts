import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURSOR_SECRET_FILE, cursorSecret } from '../src/cursor-secret';
import { LocalStackError } from '../src/errors';

describe('cursorSecret', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'persist-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is a new random secret of at least 32 bytes per run without a persist folder', () => {
    const first = cursorSecret();
    expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
    expect(cursorSecret()).not.toBe(first);
  });

  it('is kept in the persist folder (mode 0600) and the same on every run with it', () => {
    const first = cursorSecret(join(dir, 'data'));
    expect(cursorSecret(join(dir, 'data'))).toBe(first);
    const file = join(dir, 'data', CURSOR_SECRET_FILE);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a kept secret that is too short', () => {
    writeFileSync(join(dir, CURSOR_SECRET_FILE), 'short\n');
    expect(() => cursorSecret(dir)).toThrow(LocalStackError);
  });
});
