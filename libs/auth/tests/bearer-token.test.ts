import { UnauthorizedError, bearerToken } from '../src';

function rejectionOf(authorization: string | undefined): UnauthorizedError {
  try {
    bearerToken(authorization);
  } catch (error) {
    if (error instanceof UnauthorizedError) return error;
    throw error;
  }
  throw new Error('bearerToken did not throw');
}

describe('bearerToken', () => {
  it('returns the token of a Bearer header', () => {
    expect(bearerToken('Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjIn0.c2ln')).toBe(
      'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjIn0.c2ln',
    );
  });

  it('accepts any case of the scheme and surrounding spaces', () => {
    expect(bearerToken('  bearer   abc.def-ghi_jkl~+/==  ')).toBe('abc.def-ghi_jkl~+/==');
  });

  it.each([[undefined], [''], ['   ']])('answers %j with a challenge without an error code', (header) => {
    const error = rejectionOf(header);
    expect(error).toMatchObject({ status: 401, message: 'missing bearer token', error: undefined });
    expect(error.wwwAuthenticate).toBe('Bearer realm="api"');
  });

  it.each([['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer '], ['Bearer a b'], ['Bearertoken'], ['Bearer "x"']])(
    'refuses %j as an invalid request',
    (header) => {
      const error = rejectionOf(header);
      expect(error.message).toBe('authorization header must be Bearer followed by a token');
      expect(error.wwwAuthenticate).toBe(
        'Bearer realm="api", error="invalid_request", ' +
          'error_description="authorization header must be Bearer followed by a token"',
      );
    },
  );

  it('names the given realm', () => {
    expect(() => bearerToken(undefined, { realm: 'catalog' })).toThrow(
      expect.objectContaining({ wwwAuthenticate: 'Bearer realm="catalog"' }),
    );
  });
});
