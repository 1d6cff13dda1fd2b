/**
 * The primary key of an item (or a `LastEvaluatedKey`): attribute name → string or number value.
 *
 * @example
 * import { tenantKey } from '@platform/persistence';
 *
 * const key: Key = { pk: tenantKey('acme', 'PRODUCT'), sk: 'SKU-1' };
 */
export type Key = Record<string, string | number>;
