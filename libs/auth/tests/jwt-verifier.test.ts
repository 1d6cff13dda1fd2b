import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import {
  AuthConfigError,
  JwksUnavailableError,
  UnauthorizedError,
  createJwtVerifier,
  type JwtVerifier,
  type JwtVerifierOptions,
} from '../src';
import { createDevIssuer, type DevIssuer } from '../src/dev-issuer';
import { claimsFor, hmacSha256Token, unsignedToken } from './support/hand-made-token';
import { startJwksHttpServer, type JwksHttpServer } from './support/jwks-http-server';

const ISSUER = 'https://issuer.example.test/';
const AUDIENCE = 'orders-api';

/** Awaits a rejection and returns it, failing the test when the promise resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/** Expects `token` to be refused with a 401 whose message is exactly `message`. */
async function expectUnauthorized(verifier: JwtVerifier, token: string, message: string): Promise<void> {
  const error = await rejectionOf(verifier.verify(token));
  expect(error).toBeInstanceOf(UnauthorizedError);
  expect(error).toMatchObject({ status: 401, title: 'Unauthorized', message });
  expect((error as UnauthorizedError).wwwAuthenticate).toBe(
    `Bearer realm="api", error="invalid_token", error_description="${message}"`,
  );
}

describe('createJwtVerifier', () => {
  let rs256: DevIssuer;
  let es256: DevIssuer;
  let server: JwksHttpServer;
  let verifier: JwtVerifier;
  const options = (extra: Partial<JwtVerifierOptions> = {}): JwtVerifierOptions => ({
    issuer: ISSUER,
    audience: AUDIENCE,
    jwksUrl: server.jwksUrl,
    ...extra,
  });

  beforeAll(async () => {
    rs256 = await createDevIssuer({ issuer: ISSUER, audience: AUDIENCE });
    es256 = await createDevIssuer({ alg: 'ES256', issuer: ISSUER, audience: AUDIENCE });
    server = await startJwksHttpServer(() => ({ keys: [...rs256.jwks().keys, ...es256.jwks().keys] }));
    verifier = createJwtVerifier(options());
  });
  afterAll(() => server.close());

  describe('verify', () => {
    it('accepts a valid RS256 token and returns its principal', async () => {
      const token = await rs256.mint({
        sub: 'customer-1',
        tenant: 'tenant-1',
        scope: 'orders:read orders:write',
      });
      await expect(verifier.verify(token)).resolves.toEqual({
        sub: 'customer-1',
        tenantId: 'tenant-1',
        scopes: ['orders:read', 'orders:write'],
      });
    });

    it('accepts a valid ES256 token', async () => {
      const token = await es256.mint({ sub: 'customer-2', tenant: 'tenant-2', scope: ['catalog:read'] });
      await expect(verifier.verify(token)).resolves.toEqual({
        sub: 'customer-2',
        tenantId: 'tenant-2',
        scopes: ['catalog:read'],
      });
    });

    it('accepts an aud array that contains the audience', async () => {
      const token = await rs256.mint({ sub: 'c', tenant: 't', audience: ['other-api', AUDIENCE] });
      await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'c', tenantId: 't', scopes: [] });
    });

    it('rejects an alg "none" token', async () => {
      const token = unsignedToken({ alg: 'none', typ: 'JWT' }, claimsFor(ISSUER, AUDIENCE));
      await expectUnauthorized(verifier, token, 'token algorithm not allowed');
    });

    it('rejects an HS256 token whose HMAC key is the public key PEM', async () => {
      const [jwk] = rs256.jwks().keys;
      const pem = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString();
      const header = { alg: 'HS256', typ: 'JWT', kid: rs256.kid };
      const token = hmacSha256Token(header, claimsFor(ISSUER, AUDIENCE), pem);
      await expectUnauthorized(verifier, token, 'token algorithm not allowed');
    });

    it('rejects an HS256 token whose HMAC key is the public JWK', async () => {
      const header = { alg: 'HS256', typ: 'JWT', kid: rs256.kid };
      const jwkBytes = JSON.stringify(rs256.jwks().keys[0]);
      const token = hmacSha256Token(header, claimsFor(ISSUER, AUDIENCE), jwkBytes);
      await expectUnauthorized(verifier, token, 'token algorithm not allowed');
    });

    it('rejects a token signed with a foreign key under the right kid', async () => {
      const foreign = await generateKeyPair('RS256');
      const token = await new SignJWT(claimsFor(ISSUER, AUDIENCE))
        .setProtectedHeader({ alg: 'RS256', kid: rs256.kid })
        .sign(foreign.privateKey);
      await expectUnauthorized(verifier, token, 'invalid token signature');
    });

    it('rejects a token whose kid the JWKS does not hold', async () => {
      const stranger = await createDevIssuer({ issuer: ISSUER, audience: AUDIENCE });
      const token = await stranger.mint({ sub: 'c', tenant: 't' });
      await expectUnauthorized(verifier, token, 'token signing key not recognised');
    });

    it('rejects an expired token', async () => {
      const token = await rs256.mint({ sub: 'c', tenant: 't', expiresInSec: -60 });
      await expectUnauthorized(verifier, token, 'token expired');
    });

    it('accepts a token expired by less than the clock tolerance', async () => {
      const token = await rs256.mint({ sub: 'c', tenant: 't', expiresInSec: -2 });
      await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'c' });
      const strict = createJwtVerifier(options({ clockToleranceSec: 0 }));
      await expectUnauthorized(strict, token, 'token expired');
    });

    it('rejects a token that is not yet valid', async () => {
      const token = await rs256.mint({ sub: 'c', tenant: 't', notBeforeSec: 120 });
      await expectUnauthorized(verifier, token, 'token not yet valid');
    });

    it('rejects a token from another issuer', async () => {
      const token = await rs256.mint({ sub: 'c', tenant: 't', issuer: 'https://evil.example.test/' });
      await expectUnauthorized(verifier, token, 'wrong issuer');
    });

    it('rejects a token for another audience', async () => {
      const token = await rs256.mint({ sub: 'c', tenant: 't', audience: 'inventory-api' });
      await expectUnauthorized(verifier, token, 'wrong audience');
    });

    it('rejects a token without an expiry', async () => {
      const token = await rs256.mint({ sub: 'c', tenant: 't', claims: { exp: undefined } });
      await expectUnauthorized(verifier, token, 'token has no exp claim');
    });

    it('rejects a token with a non-numeric nbf', async () => {
      const token = await rs256.mint({ sub: 'c', tenant: 't', claims: { nbf: 'soon' } });
      await expectUnauthorized(verifier, token, 'token has an invalid nbf claim');
    });

    it('rejects a token without a tenant', async () => {
      const token = await rs256.mint({ sub: 'c', tenant: 't', claims: { tenant_id: undefined } });
      await expectUnauthorized(verifier, token, 'token has no tenant_id claim');
    });

    it.each([['not-a-jwt'], ['a.b.c'], ['']])('rejects the malformed token %j', async (token) => {
      await expectUnauthorized(verifier, token, 'malformed token');
    });

    it('rejects a token with an unknown critical header', async () => {
      const token = await new SignJWT(claimsFor(ISSUER, AUDIENCE))
        .setProtectedHeader({ alg: 'ES256', kid: es256.kid, crit: ['x-custom'], 'x-custom': 1 })
        .sign((await generateKeyPair('ES256')).privateKey, { crit: { 'x-custom': true } });
      await expectUnauthorized(verifier, token, 'unsupported token');
    });

    it('rejects an algorithm left out of its allow-list', async () => {
      const rsOnly = createJwtVerifier(options({ algorithms: ['RS256'] }));
      const token = await es256.mint({ sub: 'c', tenant: 't' });
      await expectUnauthorized(rsOnly, token, 'token algorithm not allowed');
    });

    it('gives each rejection its own client-safe message, with the jose error as cause only', async () => {
      const rejected = await Promise.all([
        rejectionOf(verifier.verify(unsignedToken({ alg: 'none' }, claimsFor(ISSUER, AUDIENCE)))),
        rejectionOf(verifier.verify(await rs256.mint({ sub: 'c', tenant: 't', expiresInSec: -60 }))),
        rejectionOf(verifier.verify(await rs256.mint({ sub: 'c', tenant: 't', notBeforeSec: 60 }))),
        rejectionOf(verifier.verify(await rs256.mint({ sub: 'c', tenant: 't', issuer: 'https://x.test/' }))),
        rejectionOf(verifier.verify(await rs256.mint({ sub: 'c', tenant: 't', audience: 'x' }))),
      ]);
      const messages = rejected.map((error) => (error as Error).message);
      expect(new Set(messages).size).toBe(messages.length);
      for (const error of rejected) {
        expect((error as Error).message).not.toMatch(/claim timestamp|JWS|JWT|Header Parameter|at /);
        expect((error as Error).cause).toBeInstanceOf(Error);
      }
    });
  });

  describe('the JWKS', () => {
    it('is fetched over HTTP once and then served from the cache', async () => {
      const issuer = await createDevIssuer({ issuer: ISSUER, audience: AUDIENCE });
      const jwks = await startJwksHttpServer(() => issuer.jwks());
      try {
        const fresh = createJwtVerifier(options({ jwksUrl: jwks.jwksUrl }));
        const token = await issuer.mint({ sub: 'c', tenant: 't' });
        expect(jwks.requestCount()).toBe(0);
        await Promise.all(Array.from({ length: 5 }, () => fresh.verify(token)));
        for (let i = 0; i < 20; i += 1) await fresh.verify(token);
        expect(jwks.requestCount()).toBe(1);
      } finally {
        await jwks.close();
      }
    });

    it('is fetched again for an unknown kid once the cooldown is over (key rotation)', async () => {
      const first = await createDevIssuer({ issuer: ISSUER, audience: AUDIENCE });
      const second = await createDevIssuer({ issuer: ISSUER, audience: AUDIENCE });
      let published = [first];
      const jwks = await startJwksHttpServer(() => ({ keys: published.flatMap((i) => i.jwks().keys) }));
      try {
        const rotating = createJwtVerifier(options({ jwksUrl: jwks.jwksUrl, cooldownMs: 0 }));
        await rotating.verify(await first.mint({ sub: 'c', tenant: 't' }));
        published = [first, second];
        await expect(rotating.verify(await second.mint({ sub: 'c', tenant: 't' }))).resolves.toMatchObject({
          sub: 'c',
        });
        expect(jwks.requestCount()).toBe(2);
      } finally {
        await jwks.close();
      }
    });

    it('is not fetched again for an unknown kid during the cooldown', async () => {
      const known = await createDevIssuer({ issuer: ISSUER, audience: AUDIENCE });
      const unknown = await createDevIssuer({ issuer: ISSUER, audience: AUDIENCE });
      const jwks = await startJwksHttpServer(() => known.jwks());
      try {
        const cooling = createJwtVerifier(options({ jwksUrl: jwks.jwksUrl, cooldownMs: 60_000 }));
        await cooling.verify(await known.mint({ sub: 'c', tenant: 't' }));
        const stranger = await unknown.mint({ sub: 'c', tenant: 't' });
        for (let i = 0; i < 3; i += 1) {
          await expectUnauthorized(cooling, stranger, 'token signing key not recognised');
        }
        expect(jwks.requestCount()).toBe(1);
      } finally {
        await jwks.close();
      }
    });

    it('is fetched on every verification when cacheMaxAgeMs is 0', async () => {
      const issuer = await createDevIssuer({ issuer: ISSUER, audience: AUDIENCE });
      const jwks = await startJwksHttpServer(() => issuer.jwks());
      try {
        const uncached = createJwtVerifier(options({ jwksUrl: jwks.jwksUrl, cacheMaxAgeMs: 0 }));
        const token = await issuer.mint({ sub: 'c', tenant: 't' });
        for (let i = 0; i < 3; i += 1) await uncached.verify(token);
        expect(jwks.requestCount()).toBe(3);
      } finally {
        await jwks.close();
      }
    });

    it('defaults to <issuer>/.well-known/jwks.json', async () => {
      const jwks = await startJwksHttpServer(() => rs256.jwks());
      try {
        const byIssuer = createJwtVerifier({ issuer: jwks.baseUrl, audience: AUDIENCE });
        const token = await rs256.mint({ sub: 'c', tenant: 't', issuer: jwks.baseUrl });
        await expect(byIssuer.verify(token)).resolves.toMatchObject({ sub: 'c' });
        expect(jwks.requestCount()).toBe(1);
      } finally {
        await jwks.close();
      }
    });

    it('that answers 500 makes verify reject with JwksUnavailableError (503), not 401', async () => {
      const jwks = await startJwksHttpServer(() => rs256.jwks(), { status: 500 });
      try {
        const broken = createJwtVerifier(options({ jwksUrl: jwks.jwksUrl }));
        const error = await rejectionOf(broken.verify(await rs256.mint({ sub: 'c', tenant: 't' })));
        expect(error).toBeInstanceOf(JwksUnavailableError);
        expect(error).toMatchObject({ status: 503, title: 'Service Unavailable' });
        expect((error as Error).message).toContain(jwks.jwksUrl);
      } finally {
        await jwks.close();
      }
    });

    it('that answers slower than timeoutMs makes verify reject with JwksUnavailableError', async () => {
      const jwks = await startJwksHttpServer(() => rs256.jwks(), { delayMs: 2_000 });
      try {
        const slow = createJwtVerifier(options({ jwksUrl: jwks.jwksUrl, timeoutMs: 100 }));
        const started = Date.now();
        const error = await rejectionOf(slow.verify(await rs256.mint({ sub: 'c', tenant: 't' })));
        expect(error).toBeInstanceOf(JwksUnavailableError);
        expect((error as Error).message).toMatch(/timed out/);
        expect(Date.now() - started).toBeLessThan(1_900);
      } finally {
        await jwks.close();
      }
    });

    it('that is not a key set makes verify reject with JwksUnavailableError', async () => {
      const jwks = await startJwksHttpServer(() => ({ keys: 'none' }) as unknown as { keys: unknown[] });
      try {
        const confused = createJwtVerifier(options({ jwksUrl: jwks.jwksUrl }));
        await expect(confused.verify(await rs256.mint({ sub: 'c', tenant: 't' }))).rejects.toThrow(
          JwksUnavailableError,
        );
      } finally {
        await jwks.close();
      }
    });

    it('that nobody serves makes verify reject with JwksUnavailableError', async () => {
      const jwks = await startJwksHttpServer(() => rs256.jwks());
      await jwks.close();
      const orphan = createJwtVerifier(options({ jwksUrl: jwks.jwksUrl }));
      await expect(orphan.verify(await rs256.mint({ sub: 'c', tenant: 't' }))).rejects.toThrow(
        JwksUnavailableError,
      );
    });
  });

  describe('options', () => {
    it.each([
      ['an HS256 algorithm', { algorithms: ['HS256'] }, /refused: HS256/],
      ['the none algorithm', { algorithms: ['RS256', 'none'] }, /refused: none/],
      ['an empty algorithm list', { algorithms: [] }, /at least one/],
      ['an empty issuer', { issuer: ' ' }, /issuer must be a non-empty string/],
      ['an empty audience', { audience: '' }, /audience must be a non-empty string/],
      ['an empty realm', { realm: '' }, /realm must be a non-empty string/],
      ['a negative clock tolerance', { clockToleranceSec: -1 }, /clockToleranceSec/],
      ['a clock tolerance over 5 minutes', { clockToleranceSec: 301 }, /clockToleranceSec/],
      ['a negative cache age', { cacheMaxAgeMs: -1 }, /cacheMaxAgeMs must be a non-negative number/],
      ['a NaN cooldown', { cooldownMs: Number.NaN }, /cooldownMs must be a non-negative number/],
      ['a fractional timeout', { timeoutMs: 1.5 }, /timeoutMs must be a non-negative integer/],
      ['a JWKS URL that is not a URL', { jwksUrl: 'keys' }, /jwksUrl is not a valid URL/],
      [
        'a plain-http JWKS URL off loopback',
        { jwksUrl: 'http://keys.example.test/jwks' },
        /must be an https URL/,
      ],
    ])('refuses %s with AuthConfigError', (_what, extra, message) => {
      const build = (): JwtVerifier => createJwtVerifier(options(extra as Partial<JwtVerifierOptions>));
      expect(build).toThrow(AuthConfigError);
      expect(build).toThrow(message);
    });

    it('refuses an issuer that is not a URL when no jwksUrl is given', () => {
      expect(() => createJwtVerifier({ issuer: 'urn:issuer', audience: AUDIENCE })).toThrow(
        /jwksUrl must be an https URL/,
      );
    });

    it('accepts https anywhere and http on loopback', () => {
      for (const jwksUrl of [
        'https://keys.example.test/jwks',
        'http://localhost:3000/.well-known/jwks.json',
        'http://127.0.0.2:3000/jwks',
        'http://[::1]:3000/jwks',
      ]) {
        expect(() => createJwtVerifier(options({ jwksUrl }))).not.toThrow();
      }
    });

    it('names its realm in every challenge', async () => {
      const realmed = createJwtVerifier(options({ realm: 'orders' }));
      const error = await rejectionOf(realmed.verify('nope'));
      expect((error as UnauthorizedError).wwwAuthenticate).toMatch(
        /^Bearer realm="orders", error="invalid_token"/,
      );
    });
  });
});
