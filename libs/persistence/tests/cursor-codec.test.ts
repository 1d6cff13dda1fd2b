import fc from 'fast-check';
import {
  InvalidCursorError,
  PersistenceConfigError,
  PersistenceError,
  createCursorCodec,
  type Key,
} from '../src';

const secret = 'test-cursor-secret-0123456789-abcdef';
const codec = createCursorCodec(secret);
const scope = { tenantId: 'acme', query: 'catalog:products' };
const lastKey: Key = { pk: 'T#acme#PRODUCT', sk: 'SKU-0042' };

const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const keyArbitrary: fc.Arbitrary<Key> = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.integer(),
    // DynamoDB has no negative zero; JSON writes it as 0.
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  ),
  { minKeys: 1, maxKeys: 4 },
);

function decodeError(cursor: string, decodeScope = scope): unknown {
  try {
    codec.decode(cursor, decodeScope);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('createCursorCodec', () => {
  it('decodes what it encoded, under the same scope', () => {
    const cursor = codec.encode(lastKey, scope);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(codec.decode(cursor, scope)).toEqual(lastKey);
  });

  it('round-trips any key of strings and numbers (property)', () => {
    fc.assert(
      fc.property(keyArbitrary, (key) => {
        expect(codec.decode(codec.encode(key, scope), scope)).toEqual(key);
      }),
    );
  });

  it('accepts a Uint8Array secret of 32 bytes', () => {
    const bytes = new Uint8Array(32).fill(7);
    const binary = createCursorCodec(bytes);
    expect(binary.decode(binary.encode(lastKey, scope), scope)).toEqual(lastKey);
  });

  it.each([
    ['an empty string', ''],
    ['31 ASCII characters', 'x'.repeat(31)],
    ['31 bytes', new Uint8Array(31)],
  ])('refuses a secret of %s with PersistenceConfigError', (_what, short) => {
    expect(() => createCursorCodec(short)).toThrow(PersistenceConfigError);
  });

  it('counts a string secret in UTF-8 bytes', () => {
    expect(() => createCursorCodec('é'.repeat(16))).not.toThrow();
  });

  it('refuses a cursor edited in any single byte', () => {
    const bytes = Buffer.from(codec.encode(lastKey, scope), 'base64url');
    for (let index = 0; index < bytes.length; index += 1) {
      const edited = Buffer.from(bytes);
      edited[index] = (edited[index] ?? 0) ^ 0x01;
      expect(decodeError(edited.toString('base64url'))).toBeInstanceOf(InvalidCursorError);
    }
  });

  it('refuses a cursor issued to another tenant', () => {
    const cursor = codec.encode(lastKey, scope);
    expect(decodeError(cursor, { ...scope, tenantId: 'globex' })).toBeInstanceOf(InvalidCursorError);
  });

  it('refuses a cursor issued for another query', () => {
    const cursor = codec.encode(lastKey, scope);
    expect(decodeError(cursor, { ...scope, query: 'catalog:prices' })).toBeInstanceOf(InvalidCursorError);
  });

  it('does not let the tenant and query boundary shift', () => {
    const cursor = codec.encode(lastKey, { tenantId: 'a', query: 'b:c' });
    expect(decodeError(cursor, { tenantId: 'a"', query: 'b:c' })).toBeInstanceOf(InvalidCursorError);
    expect(decodeError(cursor, { tenantId: 'a', query: 'b:c\n' })).toBeInstanceOf(InvalidCursorError);
  });

  it('refuses a cursor signed with another secret', () => {
    const other = createCursorCodec('another-secret-that-is-long-enough!!');
    expect(decodeError(other.encode(lastKey, scope))).toBeInstanceOf(InvalidCursorError);
  });

  it.each([
    ['empty', () => ''],
    ['not base64url', () => 'abc$def'],
    ['standard base64', () => Buffer.from(codec.encode(lastKey, scope), 'base64url').toString('base64')],
    ['padded', () => `${codec.encode(lastKey, scope)}=`],
    ['truncated by one character', () => codec.encode(lastKey, scope).slice(0, -1)],
    ['truncated inside the signature', () => codec.encode(lastKey, scope).slice(0, 20)],
    ['only a signature', () => Buffer.alloc(32, 1).toString('base64url')],
    ['with whitespace', () => ` ${codec.encode(lastKey, scope)}`],
    ['far too long', () => 'A'.repeat(20_000)],
  ])('refuses a cursor that is %s', (_what, cursor) => {
    expect(decodeError(cursor())).toBeInstanceOf(InvalidCursorError);
  });

  it('refuses the non-canonical spelling of a valid cursor', () => {
    // The last character of a base64 string whose length is not a multiple of 4 carries unused
    // bits; a variant with those bits set decodes to the same bytes, but was never issued.
    const find = (): string => {
      for (let id = 0; ; id += 1) {
        const cursor = codec.encode({ pk: 'p', sk: `${id}` }, scope);
        if (cursor.length % 4 !== 0) return cursor;
      }
    };
    const cursor = find();
    const last = cursor.at(-1) ?? 'A';
    const variant = cursor.slice(0, -1) + base64url[base64url.indexOf(last) + 1];
    expect(Buffer.from(variant, 'base64url')).toEqual(Buffer.from(cursor, 'base64url'));
    expect(decodeError(variant)).toBeInstanceOf(InvalidCursorError);
  });

  it('decodes any string it did not produce to InvalidCursorError (property)', () => {
    const produced = new Set<string>();
    const issue = (key: Key): string => {
      const cursor = codec.encode(key, scope);
      produced.add(cursor);
      return cursor;
    };
    const edit = fc
      .tuple(
        keyArbitrary,
        fc.nat(),
        fc.constantFrom(...base64url),
        fc.constantFrom('replace', 'insert', 'delete', 'cut'),
      )
      .map(([key, at, char, how]) => {
        const cursor = issue(key);
        const i = at % cursor.length;
        if (how === 'replace') return cursor.slice(0, i) + char + cursor.slice(i + 1);
        if (how === 'insert') return cursor.slice(0, i) + char + cursor.slice(i);
        if (how === 'delete') return cursor.slice(0, i) + cursor.slice(i + 1);
        return cursor.slice(0, i);
      });
    const candidates = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(...base64url), maxLength: 200 }),
      fc
        .uint8Array({ minLength: 33, maxLength: 120 })
        .map((bytes) => Buffer.from(bytes).toString('base64url')),
      edit,
    );
    fc.assert(
      fc.property(candidates, (candidate) => {
        fc.pre(!produced.has(candidate));
        expect(decodeError(candidate)).toBeInstanceOf(InvalidCursorError);
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ['no attributes', {}],
    ['a non-finite number', { pk: Number.POSITIVE_INFINITY }],
  ])('refuses to encode a key with %s', (_what, key) => {
    expect(() => codec.encode(key, scope)).toThrow(PersistenceError);
  });

  it.each([
    ['an empty tenant', { tenantId: '', query: 'q' }],
    ['an empty query', { tenantId: 't', query: '' }],
  ])('refuses a scope with %s', (_what, badScope) => {
    expect(() => codec.encode(lastKey, badScope)).toThrow(/non-empty tenantId and query/);
    expect(() => codec.decode(codec.encode(lastKey, scope), badScope)).toThrow(
      /non-empty tenantId and query/,
    );
  });
});
