import { isLoopbackHost } from '../src/loopback-host';

describe('isLoopbackHost', () => {
  it.each([
    'localhost',
    'localhost:3000',
    'LocalHost:3310',
    '127.0.0.1',
    '127.0.0.1:65535',
    '[::1]',
    '[::1]:8000',
  ])('accepts %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'evil.example',
    'evil.example:3000',
    'localhost.evil.example',
    'app.localhost',
    '127.0.0.2',
    '127.0.0.1.nip.io',
    '0.0.0.0:3000',
    '[::1',
    'localhost:',
    'localhost:123456',
    'localhost:3000 evil.example',
  ])('refuses %p', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
