import { calculateJwkThumbprint, createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuerError, createDevIssuer, type DevIssuer } from '../src/dev-issuer';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

describe('createDevIssuer', () => {
  let issuer: DevIssuer;
  beforeAll(async () => {
    issuer = await createDevIssuer();
  });

  it('issues RS256 tokens as the dev issuer for the dev audience by default', () => {
    expect(issuer).toMatchObject({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, alg: 'RS256' });
    expect(DEV_ISSUER).toBe('https://dev-issuer.serverless-factory.local/');
    expect(DEV_AUDIENCE).toBe('serverless-factory');
  });

  it('publishes only the public key, named by its thumbprint', async () => {
    const { keys } = issuer.jwks();
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key).toMatchObject({ kty: 'RSA', kid: issuer.kid, alg: 'RS256', use: 'sig' });
    for (const member of PRIVATE_MEMBERS) expect(key).not.toHaveProperty(member);
    expect(await calculateJwkThumbprint(key!)).toBe(issuer.kid);
  });

  it('hands out a copy of its JWKS', () => {
    issuer.jwks().keys[0]!.kid = 'tampered';
    expect(issuer.jwks().keys[0]!.kid).toBe(issuer.kid);
  });

  it('makes ES256 issuers with P-256 keys', async () => {
    const es = await createDevIssuer({ alg: 'ES256', issuer: 'https://es.test/', audience: 'es' });
    expect(es).toMatchObject({ alg: 'ES256', issuer: 'https://es.test/', audience: 'es' });
    expect(es.jwks().keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    for (const member of PRIVATE_MEMBERS) expect(es.jwks().keys[0]).not.toHaveProperty(member);
    const token = await es.mint({ sub: 'c', tenant: 't' });
    await expect(jwtVerify(token, createLocalJWKSet(es.jwks()))).resolves.toMatchObject({
      protectedHeader: { alg: 'ES256' },
    });
  });

  it('refuses an algorithm outside RS256 and ES256', async () => {
    await expect(createDevIssuer({ alg: 'HS256' as never })).rejects.toThrow(DevIssuerError);
  });

  describe('mint', () => {
    it('signs sub, tenant_id, scope, iss, aud, iat and a one-hour exp, verifiable with its JWKS', async () => {
      const before = Math.floor(Date.now() / 1000);
      const token = await issuer.mint({ sub: 'c-1', tenant: 't-1', scope: ['orders:read', 'orders:write'] });
      const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
      });
      expect(protectedHeader).toEqual({ alg: 'RS256', kid: issuer.kid, typ: 'JWT' });
      expect(payload).toMatchObject({ sub: 'c-1', tenant_id: 't-1', scope: 'orders:read orders:write' });
      expect(payload.iat).toBeGreaterThanOrEqual(before);
      expect(payload.exp).toBe((payload.iat ?? 0) + 3600);
      expect(payload).not.toHaveProperty('nbf');
    });

    it('leaves out scope when none is given and keeps a scope string as it is', async () => {
      expect(decodeJwt(await issuer.mint({ sub: 'c', tenant: 't' }))).not.toHaveProperty('scope');
      expect(decodeJwt(await issuer.mint({ sub: 'c', tenant: 't', scope: 'a b' })).scope).toBe('a b');
    });

    it('sets lifetime, not-before, issuer and audience on request', async () => {
      const payload = decodeJwt(
        await issuer.mint({
          sub: 'c',
          tenant: 't',
          expiresInSec: 60,
          notBeforeSec: 30,
          issuer: 'https://other.test/',
          audience: ['a', 'b'],
        }),
      );
      expect(payload).toMatchObject({ iss: 'https://other.test/', aud: ['a', 'b'] });
      expect(payload.exp).toBe((payload.iat ?? 0) + 60);
      expect(payload.nbf).toBe((payload.iat ?? 0) + 30);
    });

    it('lets extra claims override or remove the standard ones', async () => {
      const payload = decodeJwt(
        await issuer.mint({
          sub: 'c',
          tenant: 't',
          claims: { tenant_id: 'other', exp: undefined, email: 'c@x.test' },
        }),
      );
      expect(payload).toMatchObject({ tenant_id: 'other', email: 'c@x.test' });
      expect(payload).not.toHaveProperty('exp');
      expect(decodeProtectedHeader(await issuer.mint({ sub: 'c', tenant: 't' })).kid).toBe(issuer.kid);
    });

    it.each([
      [{ expiresInSec: Number.NaN }, /expiresInSec/],
      [{ notBeforeSec: Number.POSITIVE_INFINITY }, /notBeforeSec/],
    ])('refuses %j', async (times, message) => {
      await expect(issuer.mint({ sub: 'c', tenant: 't', ...times })).rejects.toThrow(message);
    });
  });
});
