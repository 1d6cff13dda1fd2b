import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DevIssuerError } from '../errors';
import { devIssuerFromKey, type DevIssuer, type DevIssuerIdentity } from './dev-issuer';
import { generateSigningKey, parseSigningKey, serializeSigningKey, type SigningKey } from './signing-key';
import { findWorkspaceRoot } from './workspace-root';

/** The private key (mode 0600). Its presence means the folder is ready. */
const KEY_FILE = 'signing-key.json';
/** The public JWKS, for tools that serve a file. */
const JWKS_FILE = 'jwks.json';
/** Held, by exclusive create, by the one process generating the key. */
const LOCK_FILE = 'signing-key.lock';
/** A lock older than this whose holder cannot be seen is left over from a crash. */
const STALE_LOCK_MS = 30_000;
const POLL_MS = 25;

/** Options of {@link loadOrCreateDevIssuer}. */
export interface LoadOrCreateDevIssuerOptions extends DevIssuerIdentity {
  /** Key folder (default: `DEV_ISSUER_DIR`, else `.local/dev-issuer` at the workspace root). */
  dir?: string;
  /** How long to wait for another process that is creating the key (default 15 s). */
  waitMs?: number;
}

/**
 * The dev issuer's key folder: `DEV_ISSUER_DIR` when set, else `.local/dev-issuer` in the
 * workspace root (git-ignored).
 *
 * @example
 * devIssuerDir(); // '/home/me/serverless-factory/.local/dev-issuer'
 */
export function devIssuerDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env['DEV_ISSUER_DIR']?.trim();
  return configured ? resolve(configured) : join(findWorkspaceRoot(), '.local', 'dev-issuer');
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

async function readSigningKey(path: string): Promise<SigningKey | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw new DevIssuerError(`Cannot read the dev issuer key ${path}`, { cause: error });
  }
  return parseSigningKey(text, path);
}

/** Writes a complete file under a temporary name, then renames it into place (atomic on POSIX). */
async function writeAtomically(path: string, content: string, mode: number): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Creates the lock file exclusively; `undefined` when another process holds it. */
async function tryLock(path: string): Promise<(() => Promise<void>) | undefined> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return undefined;
    throw error;
  }
  try {
    await handle.writeFile(String(process.pid), 'utf8');
  } finally {
    await handle.close();
  }
  return () => rm(path, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM';
  }
}

/** A lock whose process is gone, or that has been held far longer than generating a key takes. */
async function isStale(path: string): Promise<boolean> {
  try {
    const [info, holder] = await Promise.all([stat(path), readFile(path, 'utf8')]);
    const pid = Number(holder);
    if (Number.isSafeInteger(pid) && pid > 0 && !isAlive(pid)) return true;
    return Date.now() - info.mtimeMs > STALE_LOCK_MS;
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Loads the signing key kept in `dir`, or creates it. Safe when several processes do this at
 * once: one of them wins the exclusive create of the lock file and writes the key (to a temporary
 * file renamed into place, mode 0600); the others wait and read that key.
 */
async function loadOrCreateSigningKey(dir: string, waitMs = 15_000): Promise<SigningKey> {
  const keyPath = join(dir, KEY_FILE);
  const lockPath = join(dir, LOCK_FILE);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (cause) {
    throw new DevIssuerError(`Cannot create the dev issuer folder ${dir}`, { cause });
  }
  const deadline = Date.now() + waitMs;
  for (;;) {
    const existing = await readSigningKey(keyPath);
    if (existing) return existing;
    const unlock = await tryLock(lockPath).catch((cause: unknown) => {
      throw new DevIssuerError(`Cannot create the lock file ${lockPath}`, { cause });
    });
    if (unlock) {
      try {
        // Another process may have finished between our read and our lock.
        const finished = await readSigningKey(keyPath);
        if (finished) return finished;
        const key = await generateSigningKey('RS256');
        await writeAtomically(
          join(dir, JWKS_FILE),
          `${JSON.stringify({ keys: [key.publicJwk] }, null, 2)}\n`,
          0o644,
        );
        await writeAtomically(keyPath, serializeSigningKey(key), 0o600);
        return key;
      } finally {
        await unlock();
      }
    }
    if (await isStale(lockPath)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new DevIssuerError(
        `Waited ${waitMs} ms for another process to create the dev issuer key in ${dir}. ` +
          `If none is running, delete ${lockPath}.`,
      );
    }
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}

/**
 * Loads the dev issuer whose RS256 key is kept in `.local/dev-issuer/` at the workspace root (or
 * `DEV_ISSUER_DIR`, or `dir`), creating the key on first use. Every process of the workspace —
 * the local stack, `npm run token`, each jest worker — gets the same key, so tokens minted by one
 * verify in another.
 *
 * @example
 * const issuer = await loadOrCreateDevIssuer();
 * const token = await issuer.mint({ sub: 'c-1', tenant: 't-1', scope: 'catalog:read' });
 */
export async function loadOrCreateDevIssuer(options: LoadOrCreateDevIssuerOptions = {}): Promise<DevIssuer> {
  const dir = options.dir === undefined ? devIssuerDir() : resolve(options.dir);
  const key = await loadOrCreateSigningKey(dir, options.waitMs);
  return devIssuerFromKey(key, options);
}
