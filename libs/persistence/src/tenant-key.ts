import { PersistenceError } from './errors';

/** Separator between the parts of a key; never allowed inside a part. */
const SEPARATOR = '#';

function checkPart(value: string, what: string): void {
  if (value.length === 0) {
    throw new PersistenceError(`A key's ${what} must not be empty.`);
  }
  if (value.includes(SEPARATOR)) {
    throw new PersistenceError(`A key's ${what} must not contain '${SEPARATOR}'.`);
  }
}

/**
 * Builds a key value scoped to one tenant: `T#<tenant>#<part>#…`. A tenant id or part that is
 * empty or contains `#` throws {@link PersistenceError}, so no input can produce a key that falls
 * into another tenant's range.
 *
 * @example
 * tenantKey('acme', 'PRODUCT', 'SKU-1'); // 'T#acme#PRODUCT#SKU-1'
 * tenantKey('acme');                      // 'T#acme'
 */
export function tenantKey(tenantId: string, ...parts: string[]): string {
  checkPart(tenantId, 'tenant id');
  parts.forEach((part, index) => checkPart(part, `part ${index + 1}`));
  return ['T', tenantId, ...parts].join(SEPARATOR);
}
