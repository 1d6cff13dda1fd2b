import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStackError } from './errors';

/** The file, inside a `--persist` folder, holding the cursor secret of that data. */
export const CURSOR_SECRET_FILE = 'cursor-secret';
/** The shortest secret the services accept (MIN_CURSOR_SECRET_BYTES of @platform/persistence). */
const MIN_BYTES = 32;

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The secret the services sign paging cursors with. Without a persist folder a new random one per
 * run (cursors live no longer than the in-memory data); with one, the secret kept in
 * `<dir>/cursor-secret` (created on first use, mode 0600), so a cursor stays valid across restarts
 * as long as the data does.
 *
 * @example
 * cursorSecret();               // 43 random base64url characters
 * cursorSecret('.local/data');  // the same value on every run with that folder
 */
export function cursorSecret(persistDir?: string): string {
  if (!persistDir) return newSecret();
  const path = join(persistDir, CURSOR_SECRET_FILE);
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (Buffer.byteLength(existing, 'utf8') >= MIN_BYTES) return existing;
    throw new LocalStackError(`${path} holds a cursor secret shorter than ${MIN_BYTES} bytes: delete it.`);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  mkdirSync(persistDir, { recursive: true });
  const secret = newSecret();
  try {
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another run created it between our read and our write: use theirs.
    if ((error as { code?: unknown }).code === 'EEXIST') return cursorSecret(persistDir);
    throw error;
  }
  return secret;
}
