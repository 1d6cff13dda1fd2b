import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authConfigFromEnv, createJwtVerifier } from '@platform/auth';
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevIssuer } from '../src';
import { DEV_ISSUER_JWKS_GLOBAL, serveDevIssuerJwks } from '../src/jest/dev-issuer-jwks';
import globalSetup, { DYNAMODB_LOCAL_GLOBAL } from '../src/jest/global-setup';
import globalTeardown from '../src/jest/global-teardown';

describe('serveDevIssuerJwks', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dev-issuer-jwks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("serves the persisted dev issuer's JWKS and sets AUTH_* to it", async () => {
    const env: NodeJS.ProcessEnv = { DEV_ISSUER_DIR: dir };
    const server = await serveDevIssuerJwks(env);
    try {
      expect(server).toBeDefined();
      expect(env).toMatchObject({
        AUTH_ISSUER: DEV_ISSUER,
        AUTH_AUDIENCE: DEV_AUDIENCE,
        AUTH_JWKS_URL: server?.url,
      });
      const issuer = await loadOrCreateDevIssuer({ dir });
      const token = await issuer.mint({ sub: 'c-1', tenant: 't-1', scope: 'orders:read' });
      const verifier = createJwtVerifier(authConfigFromEnv(env));
      await expect(verifier.verify(token)).resolves.toEqual({
        sub: 'c-1',
        tenantId: 't-1',
        scopes: ['orders:read'],
      });
      expect(server?.requestCount()).toBe(1);
    } finally {
      await server?.close();
    }
  });

  it('leaves a configured AUTH_JWKS_URL alone', async () => {
    const env: NodeJS.ProcessEnv = { AUTH_JWKS_URL: 'https://keys.example.test/jwks', DEV_ISSUER_DIR: dir };
    await expect(serveDevIssuerJwks(env)).resolves.toBeUndefined();
    expect(env).toEqual({ AUTH_JWKS_URL: 'https://keys.example.test/jwks', DEV_ISSUER_DIR: dir });
  });

  it('says why and leaves AUTH_* unset when the dev issuer cannot be loaded', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const env: NodeJS.ProcessEnv = { DEV_ISSUER_DIR: join(file, 'dev-issuer') };
    const warnings: string[] = [];
    await expect(serveDevIssuerJwks(env, (message) => warnings.push(message))).resolves.toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(/dev issuer is not served.*Cannot create the dev issuer folder/),
    ]);
    expect(env).not.toHaveProperty('AUTH_JWKS_URL');
  });
});

describe('the jest global setup and teardown', () => {
  // When jest runs in band, this file shares the globals of the run's own setup: hide what that
  // setup started, so that this round trip neither reuses nor stops it.
  const globals = globalThis as Record<string, unknown>;
  const runOwned = [DYNAMODB_LOCAL_GLOBAL, DEV_ISSUER_JWKS_GLOBAL];
  let savedGlobals: unknown[];
  let savedEnv: NodeJS.ProcessEnv;
  beforeEach(() => {
    savedGlobals = runOwned.map((name) => globals[name]);
    for (const name of runOwned) delete globals[name];
    savedEnv = { ...process.env };
  });
  afterEach(() => {
    runOwned.forEach((name, index) => (globals[name] = savedGlobals[index]));
    process.env = savedEnv;
  });

  it('serve the dev issuer for the run and take it down again', async () => {
    delete process.env['AUTH_JWKS_URL'];
    await globalSetup();
    const url = process.env['AUTH_JWKS_URL'];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\.well-known\/jwks\.json$/);
    expect((await fetch(url ?? '')).status).toBe(200);
    await globalTeardown();
    expect(process.env['AUTH_JWKS_URL']).toBeUndefined();
    expect(process.env['DYNAMODB_ENDPOINT']).toBe(savedEnv['DYNAMODB_ENDPOINT']);
    await expect(fetch(url ?? '')).rejects.toThrow();
  });
});
