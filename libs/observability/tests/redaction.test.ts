import fc from 'fast-check';
import { createLogger } from '../src';
import { isSecretKey } from '../src/logging/redaction';
import { memoryDestination } from './memory-destination';

const REDACTED = '[Redacted]';

function logOnce(fields: Record<string, unknown>): { line: Record<string, unknown>; text: string } {
  const destination = memoryDestination();
  createLogger({ destination }).info(fields, 'x');
  const [line] = destination.lines();
  return { line: line ?? {}, text: destination.text() };
}

describe('redaction of secrets in log lines', () => {
  it.each([
    [
      'headers.authorization',
      { headers: { authorization: 'Bearer eyJhbGciOi.hunter2' } },
      ['headers', 'authorization'],
    ],
    [
      'headers.Authorization',
      { headers: { Authorization: 'Bearer eyJhbGciOi.hunter2' } },
      ['headers', 'Authorization'],
    ],
    ['headers.cookie', { headers: { cookie: 'session=hunter2' } }, ['headers', 'cookie']],
    [
      'headers.set-cookie (a list)',
      { headers: { 'set-cookie': ['a=hunter2', 'b=hunter2'] } },
      ['headers', 'set-cookie'],
    ],
    [
      'multiValueHeaders.Cookie',
      { multiValueHeaders: { Cookie: ['a=hunter2'] } },
      ['multiValueHeaders', 'Cookie'],
    ],
    ['cookies (HTTP API v2 event)', { event: { cookies: ['session=hunter2'] } }, ['event', 'cookies']],
    ['body.password', { body: { password: 'hunter2' } }, ['body', 'password']],
    ['clientSecret', { clientSecret: 'hunter2' }, ['clientSecret']],
    ['client_secret', { client_secret: 'hunter2' }, ['client_secret']],
    ['apiKey', { apiKey: 'hunter2' }, ['apiKey']],
    ['x-api-key', { headers: { 'x-api-key': 'hunter2' } }, ['headers', 'x-api-key']],
    ['refresh_token', { tokens: { refresh_token: 'hunter2' } }, ['tokens']],
    ['access_token', { response: { access_token: 'hunter2' } }, ['response', 'access_token']],
    ['idToken', { idToken: 'hunter2' }, ['idToken']],
    [
      'x-amz-security-token',
      { headers: { 'X-Amz-Security-Token': 'hunter2' } },
      ['headers', 'X-Amz-Security-Token'],
    ],
    ['secretAccessKey', { aws: { secretAccessKey: 'hunter2' } }, ['aws', 'secretAccessKey']],
    ['credentials', { credentials: { user: 'ann', key: 'hunter2' } }, ['credentials']],
    ['privateKey', { jwk: { privateKey: 'hunter2' } }, ['jwk', 'privateKey']],
    [
      'proxy-authorization',
      { headers: { 'Proxy-Authorization': 'Basic hunter2' } },
      ['headers', 'Proxy-Authorization'],
    ],
    ['pwd', { login: { user: 'ann', pwd: 'hunter2' } }, ['login', 'pwd']],
    ['a whole object under a secret key', { auth: { user: 'ann', pass: 'hunter2' } }, ['auth']],
    [
      'six levels deep',
      { a: { b: { c: { d: { e: { password: 'hunter2' } } } } } },
      ['a', 'b', 'c', 'd', 'e', 'password'],
    ],
    ['inside a list', { items: [{ name: 'x' }, { token: 'hunter2' }] }, ['items', '1', 'token']],
  ])('replaces the value of %s, keeping the key', (_label, fields, path) => {
    const { line, text } = logOnce(fields);
    expect(text).not.toContain('hunter2');
    expect(line).toHaveProperty(path, REDACTED);
  });

  it('leaves fields that are not secret as they are', () => {
    const fields = {
      correlationId: 'corr-1234',
      requestId: 'req-1',
      traceId: '1-abc',
      author: 'ann',
      keyId: 'kid-1',
      sku: 'ABC-1',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-1234' },
      count: 3,
      when: new Date('2026-01-02T03:04:05.000Z'),
      nothing: null,
    };
    const { line } = logOnce(fields);
    expect(line).toMatchObject({ ...fields, when: '2026-01-02T03:04:05.000Z' });
  });

  it('does not change the object it was given', () => {
    const fields = { headers: { authorization: 'Bearer abc' }, list: [{ password: 'p' }] };
    const copy = structuredClone(fields);
    logOnce(fields);
    expect(fields).toEqual(copy);
  });

  it('redacts secrets in an error’s own fields and in errors nested in other fields', () => {
    const error = Object.assign(new Error('request failed'), {
      config: { headers: { Authorization: 'Bearer secret' } },
    });
    const { line, text } = logOnce({ err: error, details: { cause: error } });
    expect(text).not.toContain('Bearer secret');
    expect(line).toHaveProperty(['err', 'config', 'headers', 'Authorization'], REDACTED);
    expect(line).toHaveProperty(['details', 'cause', 'message'], 'request failed');
    expect(line).toHaveProperty(['details', 'cause', 'type'], 'Error');
  });

  it('redacts the bindings of child loggers and grandchildren, and base fields', () => {
    const destination = memoryDestination();
    const logger = createLogger({ destination, base: { apiKey: 'secret-base' } });
    const child = logger.child({ token: 'secret-child', user: 'ann' });
    child.child({ session: { sessionId: 'secret-grandchild' } }).info('x');
    child.setBindings({ password: 'secret-set' });
    child.info('y');
    expect(destination.text()).not.toContain('secret-');
    expect(destination.lines()[0]).toMatchObject({
      apiKey: REDACTED,
      token: REDACTED,
      user: 'ann',
      session: { sessionId: REDACTED },
    });
    expect(destination.lines()[1]).toMatchObject({ password: REDACTED });
  });

  it('cuts circular references without leaking what they point to', () => {
    const request: Record<string, unknown> = { headers: { authorization: 'Bearer secret' } };
    request['self'] = request;
    const { line, text } = logOnce({ request });
    expect(text).not.toContain('Bearer secret');
    expect(line).toHaveProperty(['request', 'self'], '[Circular]');
  });

  it('truncates objects nested deeper than 64 levels, so nothing below them can leak', () => {
    let deep: Record<string, unknown> = { password: 'hunter2' };
    for (let level = 0; level < 80; level += 1) deep = { next: deep };
    const { text } = logOnce({ deep });
    expect(text).not.toContain('hunter2');
    expect(text).toContain('[Truncated]');
  });

  it('never writes a secret, wherever it is placed and whatever it is called', () => {
    const secretKey = fc.constantFrom(
      'authorization',
      'Cookie',
      'set-cookie',
      'refresh_token',
      'accessToken',
      'clientSecret',
      'api_key',
      'password',
      'PRIVATE-KEY',
    );
    const path = fc.array(fc.constantFrom('body', 'headers', 'data', 'items', 'meta', 'x'), { maxLength: 8 });
    fc.assert(
      fc.property(path, secretKey, fc.uuid(), (keys, key, secret) => {
        const fields = keys.reduceRight<Record<string, unknown>>((inner, name) => ({ [name]: inner }), {
          [key]: `S3CRET-${secret}`,
          keep: 'visible',
        });
        const { line, text } = logOnce(fields);
        expect(text).not.toContain(secret);
        expect(line).toHaveProperty([...keys, key], REDACTED);
        expect(line).toHaveProperty([...keys, 'keep'], 'visible');
      }),
    );
  });
});

describe('isSecretKey', () => {
  it.each([
    'authorization',
    'Set-Cookie',
    'nextToken',
    'client_secret',
    'X-Api-Key',
    'passphrase',
    'JWT',
    'pass',
  ])('treats %s as secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(['author', 'correlationId', 'requestId', 'traceId', 'keyId', 'passenger', 'session', 'status'])(
    'treats %s as not secret',
    (key) => {
      expect(isSecretKey(key)).toBe(false);
    },
  );

  it('answers the same for a key it has seen before', () => {
    expect([isSecretKey('refresh_token'), isSecretKey('refresh_token')]).toEqual([true, true]);
    expect([isSecretKey('sku'), isSecretKey('sku')]).toEqual([false, false]);
  });
});
