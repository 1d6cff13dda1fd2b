import { ForbiddenError, requireScopes, type Principal } from '../src';

const principal: Principal = { sub: 'c-1', tenantId: 't-1', scopes: ['orders:read', 'catalog:read'] };

function forbiddenBy(required: readonly string[], realm?: string): ForbiddenError {
  try {
    requireScopes(principal, required, { realm });
  } catch (error) {
    if (error instanceof ForbiddenError) return error;
    throw error;
  }
  throw new Error('requireScopes did not throw');
}

describe('requireScopes', () => {
  it('passes when every required scope is held', () => {
    expect(() => requireScopes(principal, ['orders:read', 'catalog:read'])).not.toThrow();
  });

  it('passes when nothing is required', () => {
    expect(() => requireScopes({ ...principal, scopes: [] }, [])).not.toThrow();
  });

  it('throws a 403 naming the missing scope', () => {
    const error = forbiddenBy(['orders:read', 'orders:write']);
    expect(error).toMatchObject({
      status: 403,
      title: 'Forbidden',
      message: 'missing scope: orders:write',
      missingScopes: ['orders:write'],
      requiredScopes: ['orders:read', 'orders:write'],
    });
  });

  it('names every missing scope, once', () => {
    expect(forbiddenBy(['a', 'b', 'a']).message).toBe('missing scopes: a, b');
  });

  it('carries an insufficient_scope challenge listing the required scopes', () => {
    expect(forbiddenBy(['orders:read', 'orders:write'], 'orders').wwwAuthenticate).toBe(
      'Bearer realm="orders", error="insufficient_scope", ' +
        'error_description="missing scope: orders:write", scope="orders:read orders:write"',
    );
  });

  it('does not treat a scope prefix as the scope', () => {
    expect(forbiddenBy(['orders']).missingScopes).toEqual(['orders']);
  });
});
