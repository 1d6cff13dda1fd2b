import {
  AuthConfigError,
  AuthError,
  DevIssuerError,
  ForbiddenError,
  JwksUnavailableError,
  PlatformAuthError,
  UnauthorizedError,
} from '../src';

describe('errors', () => {
  it('all derive from PlatformAuthError, with their own name', () => {
    const errors = [
      new UnauthorizedError('token expired'),
      new ForbiddenError('missing scope: a', ['a']),
      new AuthConfigError('bad'),
      new JwksUnavailableError('down'),
      new DevIssuerError('no key'),
    ];
    expect(errors.map((error) => error.name)).toEqual([
      'UnauthorizedError',
      'ForbiddenError',
      'AuthConfigError',
      'JwksUnavailableError',
      'DevIssuerError',
    ]);
    for (const error of errors) expect(error).toBeInstanceOf(PlatformAuthError);
    expect(new PlatformAuthError('x').name).toBe('PlatformAuthError');
  });

  it('pass their cause on', () => {
    const cause = new Error('jose said no');
    expect(new UnauthorizedError('invalid token', { cause }).cause).toBe(cause);
    expect(new ForbiddenError('missing scope: a', ['a'], { cause }).cause).toBe(cause);
    expect(new AuthConfigError('x', { cause }).cause).toBe(cause);
  });

  describe('UnauthorizedError', () => {
    it('is a 401 AuthError with an invalid_token challenge', () => {
      const error = new UnauthorizedError('wrong audience');
      expect(error).toBeInstanceOf(AuthError);
      expect(error).toMatchObject({ status: 401, title: 'Unauthorized', error: 'invalid_token' });
      expect(error.wwwAuthenticate).toBe(
        'Bearer realm="api", error="invalid_token", error_description="wrong audience"',
      );
    });

    it('keeps a challenge unbreakable whatever its text holds', () => {
      const error = new UnauthorizedError('bad "quote" \\ and ünicode', { realm: 'a"b' });
      expect(error.wwwAuthenticate).toBe(
        `Bearer realm="a'b", error="invalid_token", error_description="bad 'quote' ' and ?nicode"`,
      );
    });
  });

  describe('ForbiddenError', () => {
    it('is a 403 AuthError with an insufficient_scope challenge naming the missing scopes', () => {
      const error = new ForbiddenError('missing scope: orders:write', ['orders:write']);
      expect(error).toBeInstanceOf(AuthError);
      expect(error).toMatchObject({
        status: 403,
        title: 'Forbidden',
        error: 'insufficient_scope',
        missingScopes: ['orders:write'],
        requiredScopes: ['orders:write'],
      });
      expect(error.wwwAuthenticate).toBe(
        'Bearer realm="api", error="insufficient_scope", error_description="missing scope: orders:write", ' +
          'scope="orders:write"',
      );
    });

    it('lists every required scope in the challenge when told them', () => {
      const error = new ForbiddenError('missing scope: b', ['b'], { requiredScopes: ['a', 'b'], realm: 'r' });
      expect(error.wwwAuthenticate).toMatch(/^Bearer realm="r", .*scope="a b"$/);
    });
  });

  describe('JwksUnavailableError', () => {
    it('is a 503, not an AuthError', () => {
      const error = new JwksUnavailableError('down');
      expect(error).toMatchObject({ status: 503, title: 'Service Unavailable' });
      expect(error).not.toBeInstanceOf(AuthError);
    });
  });
});
