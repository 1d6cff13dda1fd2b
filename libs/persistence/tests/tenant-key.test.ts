import fc from 'fast-check';
import { PersistenceError, tenantKey } from '../src';

describe('tenantKey', () => {
  it('joins the tenant and the parts as T#<tenant>#<part>#…', () => {
    expect(tenantKey('acme', 'PRODUCT', 'SKU-1')).toBe('T#acme#PRODUCT#SKU-1');
  });

  it('scopes a key to the tenant alone when no parts are given', () => {
    expect(tenantKey('acme')).toBe('T#acme');
  });

  it.each([
    ['an empty tenant', () => tenantKey('', 'PRODUCT')],
    ['a tenant containing #', () => tenantKey('acme#PRODUCT', 'x')],
    ['an empty part', () => tenantKey('acme', 'PRODUCT', '')],
    ['a part containing #', () => tenantKey('acme', 'PRODUCT', 'x#T#globex')],
  ])('throws PersistenceError for %s', (_what, build) => {
    expect(build).toThrow(PersistenceError);
  });

  it('never builds one key from two different tenant/part lists (property)', () => {
    const part = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !s.includes('#'));
    const keyInput = fc.tuple(part, fc.array(part, { maxLength: 3 }));
    fc.assert(
      fc.property(keyInput, keyInput, ([tenantA, partsA], [tenantB, partsB]) => {
        fc.pre(tenantA !== tenantB || JSON.stringify(partsA) !== JSON.stringify(partsB));
        expect(tenantKey(tenantA, ...partsA)).not.toBe(tenantKey(tenantB, ...partsB));
      }),
    );
  });
});
