import { AuthConfigError, authConfigFromEnv } from '../src';

describe('authConfigFromEnv', () => {
  it('reads the issuer and audience', () => {
    expect(authConfigFromEnv({ AUTH_ISSUER: 'https://id.example.test/', AUTH_AUDIENCE: 'orders' })).toEqual({
      issuer: 'https://id.example.test/',
      audience: 'orders',
    });
  });

  it('reads an optional JWKS URL and trims the values', () => {
    expect(
      authConfigFromEnv({
        AUTH_ISSUER: ' https://id.example.test/ ',
        AUTH_AUDIENCE: 'orders',
        AUTH_JWKS_URL: 'http://127.0.0.1:3000/.well-known/jwks.json ',
      }),
    ).toEqual({
      issuer: 'https://id.example.test/',
      audience: 'orders',
      jwksUrl: 'http://127.0.0.1:3000/.well-known/jwks.json',
    });
  });

  it('reads process.env by default', () => {
    const saved = { ...process.env };
    try {
      process.env['AUTH_ISSUER'] = 'https://default.example.test/';
      process.env['AUTH_AUDIENCE'] = 'catalog';
      delete process.env['AUTH_JWKS_URL'];
      expect(authConfigFromEnv()).toEqual({ issuer: 'https://default.example.test/', audience: 'catalog' });
    } finally {
      process.env = saved;
    }
  });

  it.each([
    [{ AUTH_AUDIENCE: 'orders' }, /^Missing environment variable AUTH_ISSUER:/],
    [
      { AUTH_ISSUER: 'https://id.example.test/', AUTH_AUDIENCE: '  ' },
      /^Missing environment variable AUTH_AUDIENCE:/,
    ],
    [{}, /^Missing environment variables AUTH_ISSUER, AUTH_AUDIENCE:/],
  ])('names what is missing in %j', (env, message) => {
    expect(() => authConfigFromEnv(env)).toThrow(AuthConfigError);
    expect(() => authConfigFromEnv(env)).toThrow(message);
  });

  it('names AUTH_JWKS_URL when it is unusable', () => {
    const env = { AUTH_ISSUER: 'https://id.example.test/', AUTH_AUDIENCE: 'orders' };
    expect(() => authConfigFromEnv({ ...env, AUTH_JWKS_URL: 'jwks.json' })).toThrow(
      /AUTH_JWKS_URL is not a valid URL/,
    );
    expect(() => authConfigFromEnv({ ...env, AUTH_JWKS_URL: 'http://keys.example.test/' })).toThrow(
      /AUTH_JWKS_URL must be an https URL/,
    );
  });
});
