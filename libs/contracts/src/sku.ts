import * as z from 'zod/mini';

/** A sku (docs/api.md): an upper-case letter or digit, then up to 63 of those or `-`. */
export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,63}$/;

/**
 * The sku every service validates with, so a sku one accepts the others accept too.
 *
 * @example
 * Sku.parse('PEN-1'); // 'PEN-1'
 */
export const Sku = z.string().check(z.regex(SKU_PATTERN, `must match ${SKU_PATTERN.source}`));
