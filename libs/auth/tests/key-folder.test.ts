import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuerError, loadOrCreateDevIssuer } from '../src/dev-issuer';
import { devIssuerDir } from '../src/dev-issuer/key-folder';

const workspaceRoot = resolve(__dirname, '../../..');

/** Runs tests/fixtures/load-dev-issuer.ts in a separate Node process and resolves with the kid it prints. */
function kidFromChildProcess(dir: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'fixtures', 'load-dev-issuer.ts'), dir],
      { cwd: workspaceRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolvePromise(stdout.trim()) : reject(new Error(`child exited ${code}: ${stderr}`)),
    );
  });
}

describe('loadOrCreateDevIssuer', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'dev-issuer-')), 'nested', 'dev-issuer');
  });
  afterEach(() => rmSync(resolve(dir, '../..'), { recursive: true, force: true }));

  it('creates an RS256 key on first use, private key file mode 0600, and a public jwks.json', async () => {
    const issuer = await loadOrCreateDevIssuer({ dir });
    expect(issuer).toMatchObject({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, alg: 'RS256' });
    const keyFile = join(dir, 'signing-key.json');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({
      version: 1,
      kid: issuer.kid,
      privateJwk: { kty: 'RSA', d: expect.any(String) },
    });
    expect(JSON.parse(readFileSync(join(dir, 'jwks.json'), 'utf8'))).toEqual(issuer.jwks());
    expect(readdirSync(dir).sort()).toEqual(['jwks.json', 'signing-key.json']);
  });

  it('loads the same key the next time, so tokens minted by one load verify with another', async () => {
    const first = await loadOrCreateDevIssuer({ dir });
    const second = await loadOrCreateDevIssuer({ dir, issuer: 'https://other.test/', audience: 'other' });
    expect(second.kid).toBe(first.kid);
    expect(second).toMatchObject({ issuer: 'https://other.test/', audience: 'other' });
    const token = await first.mint({ sub: 'c', tenant: 't' });
    await expect(jwtVerify(token, createLocalJWKSet(second.jwks()))).resolves.toBeDefined();
  });

  it('ends with one key when 5 calls race on a fresh folder', async () => {
    const issuers = await Promise.all(Array.from({ length: 5 }, () => loadOrCreateDevIssuer({ dir })));
    expect(new Set(issuers.map((issuer) => issuer.kid)).size).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['jwks.json', 'signing-key.json']);
  });

  it('ends with one key when 5 processes race on a fresh folder', async () => {
    const kids = await Promise.all(Array.from({ length: 5 }, () => kidFromChildProcess(dir)));
    expect(kids[0]).toMatch(/^[\w-]{43}$/);
    expect(new Set(kids).size).toBe(1);
    expect((await loadOrCreateDevIssuer({ dir })).kid).toBe(kids[0]);
    expect(readdirSync(dir).sort()).toEqual(['jwks.json', 'signing-key.json']);
  });

  it('takes over a lock left by a process that is gone', async () => {
    await loadOrCreateDevIssuer({ dir: join(dir, 'warm-up') });
    writeFileSync(join(dir, 'signing-key.lock'), '2147483646');
    const issuer = await loadOrCreateDevIssuer({ dir, waitMs: 2_000 });
    expect(issuer.kid).toMatch(/^[\w-]{43}$/);
    expect(existsSync(join(dir, 'signing-key.lock'))).toBe(false);
  });

  it('takes over a lock held for longer than 30 s', async () => {
    await loadOrCreateDevIssuer({ dir: join(dir, 'warm-up') });
    const lock = join(dir, 'signing-key.lock');
    writeFileSync(lock, String(process.pid));
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, longAgo, longAgo);
    await expect(loadOrCreateDevIssuer({ dir, waitMs: 2_000 })).resolves.toMatchObject({ alg: 'RS256' });
  });

  it('waits for a live lock holder, then gives up naming the lock file', async () => {
    await loadOrCreateDevIssuer({ dir: join(dir, 'warm-up') });
    writeFileSync(join(dir, 'signing-key.lock'), String(process.pid));
    const started = Date.now();
    await expect(loadOrCreateDevIssuer({ dir, waitMs: 300 })).rejects.toThrow(/delete .*signing-key\.lock/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('reads the key a lock holder publishes while it waits', async () => {
    const source = join(dir, 'source');
    const published = await loadOrCreateDevIssuer({ dir: source });
    writeFileSync(join(dir, 'signing-key.lock'), String(process.pid));
    const waiting = loadOrCreateDevIssuer({ dir, waitMs: 5_000 });
    setTimeout(() => {
      writeFileSync(join(dir, 'signing-key.json'), readFileSync(join(source, 'signing-key.json')));
      rmSync(join(dir, 'signing-key.lock'));
    }, 100);
    expect((await waiting).kid).toBe(published.kid);
  });

  it.each([
    ['is not JSON', '{ nope', /is not JSON/],
    [
      'is not a key',
      '{"alg":"HS256","kid":"k","privateJwk":{"kty":"oct","k":"x"}}',
      /is not a dev issuer key/,
    ],
  ])('says to delete a key file that %s', async (_what, content, message) => {
    await loadOrCreateDevIssuer({ dir });
    writeFileSync(join(dir, 'signing-key.json'), content);
    await expect(loadOrCreateDevIssuer({ dir })).rejects.toThrow(DevIssuerError);
    await expect(loadOrCreateDevIssuer({ dir })).rejects.toThrow(message);
  });

  it('reports a key file it cannot read', async () => {
    mkdirSync(join(dir, 'signing-key.json'), { recursive: true });
    await expect(loadOrCreateDevIssuer({ dir })).rejects.toThrow(/Cannot read the dev issuer key/);
  });

  it('reports a folder it cannot create', async () => {
    const file = join(resolve(dir, '../..'), 'a-file');
    writeFileSync(file, '');
    await expect(loadOrCreateDevIssuer({ dir: join(file, 'dev-issuer') })).rejects.toThrow(
      /Cannot create the dev issuer folder/,
    );
  });
});

describe('devIssuerDir', () => {
  it('is DEV_ISSUER_DIR when set', () => {
    expect(devIssuerDir({ DEV_ISSUER_DIR: '/tmp/keys' })).toBe('/tmp/keys');
  });

  it('is .local/dev-issuer at the workspace root otherwise', () => {
    expect(devIssuerDir({})).toBe(join(workspaceRoot, '.local', 'dev-issuer'));
  });

  it('is where loadOrCreateDevIssuer keeps the key when no dir is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-issuer-env-'));
    const saved = process.env['DEV_ISSUER_DIR'];
    process.env['DEV_ISSUER_DIR'] = dir;
    try {
      const issuer = await loadOrCreateDevIssuer();
      expect(JSON.parse(readFileSync(join(dir, 'signing-key.json'), 'utf8')).kid).toBe(issuer.kid);
    } finally {
      if (saved === undefined) delete process.env['DEV_ISSUER_DIR'];
      else process.env['DEV_ISSUER_DIR'] = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
