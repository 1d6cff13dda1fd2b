import fc from 'fast-check';
import { CORRELATION_ID_PATTERN, resolveCorrelationId } from '../src';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ALLOWED = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-'];
const validId = fc.string({ unit: fc.constantFrom(...ALLOWED), minLength: 8, maxLength: 128 });

describe('CORRELATION_ID_PATTERN', () => {
  it.each([
    ['8 allowed characters', 'abcd-123', true],
    ['128 allowed characters', 'a'.repeat(128), true],
    ['dots, underscores and hyphens', 'req.2024_01-ab', true],
    ['a UUID', '3b241101-e2bb-4255-8caf-4136c566a962', true],
    ['7 characters', 'abc-123', false],
    ['129 characters', 'a'.repeat(129), false],
    ['a space', 'abcd 1234', false],
    ['a slash', 'abcd/1234', false],
    ['a trailing newline', 'abcd-1234\n', false],
    ['non-ASCII letters', 'ñandú-123456', false],
    ['a header injection attempt', 'abcd1234\r\nx-admin: 1', false],
  ])('%s: %s', (_label, candidate, accepted) => {
    expect(CORRELATION_ID_PATTERN.test(candidate)).toBe(accepted);
  });

  it('gives the same answer when used again (no global flag state)', () => {
    expect([1, 2, 3].map(() => CORRELATION_ID_PATTERN.test('abcd-1234'))).toEqual([true, true, true]);
  });
});

describe('resolveCorrelationId', () => {
  it('returns any candidate that matches the pattern unchanged', () => {
    fc.assert(
      fc.property(validId, (candidate) => {
        expect(resolveCorrelationId(candidate)).toBe(candidate);
      }),
    );
  });

  it('replaces any string that does not match with a new UUID', () => {
    const invalid = fc
      .string({ maxLength: 200 })
      .filter((candidate) => !CORRELATION_ID_PATTERN.test(candidate));
    fc.assert(
      fc.property(invalid, (candidate) => {
        const resolved = resolveCorrelationId(candidate);
        expect(resolved).toMatch(UUID);
        expect(resolved).not.toBe(candidate);
      }),
    );
  });

  it('replaces anything that is not a string with a new UUID', () => {
    const notString = fc.anything().filter((candidate) => typeof candidate !== 'string');
    fc.assert(
      fc.property(notString, (candidate) => {
        expect(resolveCorrelationId(candidate)).toMatch(UUID);
      }),
    );
  });

  it('generates ids that themselves match the pattern', () => {
    expect(resolveCorrelationId(undefined)).toMatch(CORRELATION_ID_PATTERN);
  });

  it('generates a different id each time', () => {
    const ids = new Set(Array.from({ length: 100 }, () => resolveCorrelationId(null)));
    expect(ids.size).toBe(100);
  });

  it('does not accept a list of valid ids (a repeated header)', () => {
    expect(resolveCorrelationId(['abcd-1234', 'efgh-5678'])).toMatch(UUID);
  });
});
