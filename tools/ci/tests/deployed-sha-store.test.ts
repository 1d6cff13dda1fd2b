import { assertName, isFullSha } from '../src/deployed-sha-store';
import { DeployedShaStoreError } from '../src/errors';

describe('isFullSha', () => {
  it('accepts 40 or 64 lower-case hex digits only', () => {
    expect(isFullSha('0123456789abcdef0123456789abcdef01234567')).toBe(true);
    expect(isFullSha('a'.repeat(64))).toBe(true);
    expect(isFullSha('0123456')).toBe(false);
    expect(isFullSha('A'.repeat(40))).toBe(false);
    expect(isFullSha('HEAD')).toBe(false);
  });
});

describe('assertName', () => {
  it('accepts service and stage names', () => {
    expect(() => assertName('service', 'catalog')).not.toThrow();
    expect(() => assertName('stage', 'pr-42_preview.1')).not.toThrow();
  });

  it.each(['', '-x', 'a/b', '../x', 'a b'])('rejects %j', (name) => {
    expect(() => assertName('stage', name)).toThrow(DeployedShaStoreError);
  });
});
