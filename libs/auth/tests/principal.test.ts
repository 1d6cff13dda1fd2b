import { UnauthorizedError, principalFromClaims } from '../src';

describe('principalFromClaims', () => {
  it('maps sub, tenant_id and the space-separated scope', () => {
    expect(
      principalFromClaims({ sub: 'c-1', tenant_id: 't-1', scope: 'orders:read  orders:write ' }),
    ).toEqual({
      sub: 'c-1',
      tenantId: 't-1',
      scopes: ['orders:read', 'orders:write'],
    });
  });

  it('gives no scopes when the token has no scope claim', () => {
    expect(principalFromClaims({ sub: 'c-1', tenant_id: 't-1' }).scopes).toEqual([]);
  });

  it('accepts a scope list and drops duplicates', () => {
    expect(principalFromClaims({ sub: 'c', tenant_id: 't', scope: ['a', 'b', 'a'] }).scopes).toEqual([
      'a',
      'b',
    ]);
  });

  it('returns a frozen principal', () => {
    const principal = principalFromClaims({ sub: 'c', tenant_id: 't', scope: 'a' });
    expect(Object.isFrozen(principal)).toBe(true);
    expect(Object.isFrozen(principal.scopes)).toBe(true);
  });

  it.each([
    ['sub is missing', { tenant_id: 't' }, 'token has no sub claim'],
    ['sub is empty', { sub: ' ', tenant_id: 't' }, 'token has no sub claim'],
    ['sub is not a string', { sub: 42, tenant_id: 't' }, 'token has no sub claim'],
    ['tenant_id is missing', { sub: 'c' }, 'token has no tenant_id claim'],
    ['tenant_id is empty', { sub: 'c', tenant_id: '' }, 'token has no tenant_id claim'],
    ['scope is a number', { sub: 'c', tenant_id: 't', scope: 7 }, 'token has an invalid scope claim'],
    [
      'scope holds a non-string',
      { sub: 'c', tenant_id: 't', scope: ['a', 1] },
      'token has an invalid scope claim',
    ],
  ])('throws UnauthorizedError when %s', (_what, claims, message) => {
    const map = (): unknown => principalFromClaims(claims);
    expect(map).toThrow(UnauthorizedError);
    expect(map).toThrow(message);
  });

  it('names the given realm in the challenge', () => {
    expect(() => principalFromClaims({ tenant_id: 't' }, { realm: 'orders' })).toThrow(
      expect.objectContaining({ wwwAuthenticate: expect.stringMatching(/^Bearer realm="orders"/) }),
    );
  });
});
