import { z } from 'zod';
import {
  ConfigError,
  corsFromEnv,
  corsHeaders,
  ifMatchHolds,
  loadEnv,
  noContent,
  ok,
  parseIfMatch,
} from '../src';

describe('parseIfMatch / ifMatchHolds', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['*', { any: true }],
    ['"3"', { any: false, versions: [3] }],
    ['W/"4"', { any: false, versions: [4] }],
    ['"3", "5"', { any: false, versions: [3, 5] }],
    ['"abc"', { any: false, versions: [] }],
  ])('parses %p', (header, parsed) => {
    expect(parseIfMatch(header)).toEqual(parsed);
  });

  it('holds when absent, when * meets an existing resource, or when a version matches', () => {
    expect(ifMatchHolds(undefined, undefined)).toBe(true);
    expect(ifMatchHolds(parseIfMatch('*'), 2)).toBe(true);
    expect(ifMatchHolds(parseIfMatch('*'), undefined)).toBe(false);
    expect(ifMatchHolds(parseIfMatch('"2"'), 2)).toBe(true);
    expect(ifMatchHolds(parseIfMatch('"1"'), 2)).toBe(false);
    expect(ifMatchHolds(parseIfMatch('"abc"'), 2)).toBe(false);
  });
});

describe('cors', () => {
  it('answers allowed origins only', () => {
    const options = corsFromEnv({ CORS_ALLOWED_ORIGINS: 'https://a.example, https://b.example' });
    expect(corsHeaders(options, 'https://a.example')).toMatchObject({
      'access-control-allow-origin': 'https://a.example',
      vary: 'Origin',
    });
    expect(corsHeaders(options, 'https://evil.example')).toEqual({});
    expect(corsHeaders(options, undefined)).toEqual({});
    expect(corsHeaders(corsFromEnv({}), 'https://a.example')).toEqual({});
    expect(corsHeaders({ origins: ['*'] }, 'https://x.example')['access-control-allow-origin']).toBe('*');
  });
});

describe('loadEnv', () => {
  const schema = z.object({ TABLE_NAME: z.string().min(1), PORT: z.coerce.number().int() });

  it('returns the typed values', () => {
    expect(loadEnv(schema, { TABLE_NAME: 't', PORT: '8080' })).toEqual({ TABLE_NAME: 't', PORT: 8080 });
  });

  it('names every variable at fault', () => {
    expect(() => loadEnv(schema, { PORT: 'x' })).toThrow(ConfigError);
    expect(() => loadEnv(schema, { PORT: 'x' })).toThrow(/TABLE_NAME.*PORT/s);
  });
});

describe('response helpers', () => {
  it('set ETag and Location', () => {
    expect(ok({ a: 1 }, { etag: 2, location: '/x' })).toEqual({
      statusCode: 200,
      body: { a: 1 },
      headers: { etag: '"2"', location: '/x' },
    });
    expect(noContent()).toEqual({ statusCode: 204, headers: {} });
  });
});
