import {
  AuthError,
  authConfigFromEnv,
  bearerToken,
  createJwtVerifier,
  requireScopes,
  type Principal,
} from '@platform/auth';
import * as devIssuer from '@platform/auth/dev-issuer';
import * as testing from '../src';
import { DEV_AUDIENCE, DEV_ISSUER, httpApiEvent, loadOrCreateDevIssuer, mintToken } from '../src';

/** What a handler does with an event: read the bearer token, verify it, check the scopes. */
async function authenticate(
  event: ReturnType<typeof httpApiEvent>,
  scopes: readonly string[],
): Promise<Principal | AuthError> {
  try {
    const principal = await createJwtVerifier(authConfigFromEnv()).verify(
      bearerToken(event.headers['authorization']),
    );
    requireScopes(principal, scopes);
    return principal;
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
}

describe('mintToken', () => {
  it('runs in an environment the global setup pointed at the dev issuer', () => {
    expect(process.env['AUTH_ISSUER']).toBe(DEV_ISSUER);
    expect(process.env['AUTH_AUDIENCE']).toBe(DEV_AUDIENCE);
    expect(process.env['AUTH_JWKS_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\.well-known\/jwks\.json$/);
  });

  it('mints a token that a handler verifies over real HTTP with authConfigFromEnv()', async () => {
    const token = await mintToken({
      sub: 'customer-1',
      tenant: 'tenant-1',
      scope: 'orders:read orders:write',
    });
    const event = httpApiEvent({ method: 'GET', path: '/orders', token });
    await expect(authenticate(event, ['orders:read'])).resolves.toEqual({
      sub: 'customer-1',
      tenantId: 'tenant-1',
      scopes: ['orders:read', 'orders:write'],
    });
  });

  it('signs with the persisted dev issuer', async () => {
    const token = await mintToken({ sub: 'c', tenant: 't' });
    const [header] = token.split('.');
    const { kid } = JSON.parse(Buffer.from(header ?? '', 'base64url').toString()) as { kid: string };
    expect(kid).toBe((await loadOrCreateDevIssuer()).kid);
  });

  it('lets a handler answer 401 to an expired token and 403 to a missing scope', async () => {
    const expired = httpApiEvent({
      method: 'GET',
      path: '/orders',
      token: await mintToken({ sub: 'c', tenant: 't', scope: 'orders:read', expiresInSec: -60 }),
    });
    await expect(authenticate(expired, ['orders:read'])).resolves.toMatchObject({
      status: 401,
      message: 'token expired',
    });
    const readOnly = httpApiEvent({
      method: 'POST',
      path: '/orders',
      token: await mintToken({ sub: 'c', tenant: 't', scope: 'orders:read' }),
    });
    await expect(authenticate(readOnly, ['orders:write'])).resolves.toMatchObject({
      status: 403,
      wwwAuthenticate: expect.stringContaining('error="insufficient_scope"'),
    });
  });
});

describe('the dev issuer re-exports', () => {
  it('are those of @platform/auth/dev-issuer', () => {
    expect(testing.createDevIssuer).toBe(devIssuer.createDevIssuer);
    expect(testing.loadOrCreateDevIssuer).toBe(devIssuer.loadOrCreateDevIssuer);
    expect(testing.DEV_ISSUER).toBe(devIssuer.DEV_ISSUER);
    expect(testing.DEV_AUDIENCE).toBe(devIssuer.DEV_AUDIENCE);
  });
});
