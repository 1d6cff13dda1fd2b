import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError, PersistenceConfigError, PersistenceError } from './errors';
import type { Key } from './key';

/**
 * What a cursor is bound to: the tenant it was issued to, and a stable description of the query
 * (e.g. `catalog:products`). A cursor decodes only under the scope it was encoded with.
 *
 * @example
 * declare const tenantId: string;
 * const scope: CursorScope = { tenantId, query: 'orders:by-customer' };
 */
export interface CursorScope {
  tenantId: string;
  query: string;
}

/**
 * Turns a `LastEvaluatedKey` into an opaque cursor string and back.
 *
 * @example
 * declare const codec: CursorCodec;
 * const scope: CursorScope = { tenantId: 'acme', query: 'catalog:products' };
 * const cursor = codec.encode({ pk: 'T#acme#PRODUCT', sk: 'SKU-7' }, scope);
 * const key = codec.decode(cursor, scope); // { pk: 'T#acme#PRODUCT', sk: 'SKU-7' }
 */
export interface CursorCodec {
  /** The cursor for `lastKey` within `scope`: base64url, signed. */
  encode(lastKey: Key, scope: CursorScope): string;
  /** The key a cursor holds; {@link InvalidCursorError} unless this codec encoded it for `scope`. */
  decode(cursor: string, scope: CursorScope): Key;
}

/**
 * Fewest secret bytes accepted: the HMAC-SHA256 output size.
 *
 * @example
 * import { randomBytes } from 'node:crypto';
 *
 * const secret = randomBytes(MIN_CURSOR_SECRET_BYTES).toString('base64url');
 */
export const MIN_CURSOR_SECRET_BYTES = 32;
const MAC_BYTES = 32;
/** Longest cursor accepted: far more than any DynamoDB key needs, bounded so decoding stays cheap. */
const MAX_CURSOR_LENGTH = 16 * 1024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Format tag signed into every cursor, so a later format never accepts this one's cursors. */
const FORMAT = 'cursor.v1';

function checkScope(scope: CursorScope): void {
  if (!scope.tenantId || !scope.query) {
    throw new PersistenceError('A cursor scope needs a non-empty tenantId and query.');
  }
}

function isKey(value: unknown): value is Key {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.every(([, v]) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
  );
}

/**
 * Creates the codec for paging cursors. A cursor is `base64url(mac ‖ json(lastKey))` where `mac`
 * is HMAC-SHA256 over the format tag, the tenant, the query and the key; decoding recomputes it
 * and compares in constant time. So a cursor edited in any byte, issued to another tenant or for
 * another query, truncated, empty or not base64url is refused with {@link InvalidCursorError}.
 * The key inside is signed, not encrypted: do not put secrets in keys.
 *
 * @param secret at least 32 bytes (a string counts its UTF-8 bytes), else {@link PersistenceConfigError};
 *   load it with {@link loadCursorSecret}.
 * @example
 * import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
 * import { loadCursorSecret, queryPage, type QueryPageInput } from '@platform/persistence';
 *
 * declare const client: DynamoDBDocumentClient;
 * declare const query: Omit<QueryPageInput, 'codec'>; // table, key condition, limit, cursor, scope
 * const codec = createCursorCodec(await loadCursorSecret()); // once, at start-up
 * const page = await queryPage<{ sku: string }>(client, { ...query, codec });
 */
export function createCursorCodec(secret: string | Uint8Array): CursorCodec {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (key.length < MIN_CURSOR_SECRET_BYTES) {
    throw new PersistenceConfigError(
      `The cursor secret must be at least ${MIN_CURSOR_SECRET_BYTES} bytes long, got ${key.length}.`,
    );
  }
  const sign = (payload: Buffer, scope: CursorScope): Buffer =>
    createHmac('sha256', key)
      // JSON escapes line breaks, so the first '\n' ends the scope unambiguously.
      .update(`${JSON.stringify([FORMAT, scope.tenantId, scope.query])}\n`)
      .update(payload)
      .digest();

  return {
    encode(lastKey, scope) {
      checkScope(scope);
      if (!isKey(lastKey)) {
        throw new PersistenceError(
          'A cursor key needs at least one attribute, each a string or finite number.',
        );
      }
      const payload = Buffer.from(JSON.stringify(lastKey), 'utf8');
      return Buffer.concat([sign(payload, scope), payload]).toString('base64url');
    },

    decode(cursor, scope) {
      checkScope(scope);
      if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) {
        throw new InvalidCursorError('The cursor is malformed.');
      }
      const bytes = Buffer.from(cursor, 'base64url');
      // Only the one canonical spelling of the bytes is accepted: no padding bits, no variants.
      if (bytes.length <= MAC_BYTES || bytes.toString('base64url') !== cursor) {
        throw new InvalidCursorError('The cursor is malformed.');
      }
      const mac = bytes.subarray(0, MAC_BYTES);
      const payload = bytes.subarray(MAC_BYTES);
      if (!timingSafeEqual(mac, sign(payload, scope))) {
        throw new InvalidCursorError('The cursor was altered, or issued for another tenant or query.');
      }
      let lastKey: unknown;
      try {
        lastKey = JSON.parse(payload.toString('utf8'));
      } catch (error) {
        throw new InvalidCursorError('The cursor is malformed.', { cause: error });
      }
      if (!isKey(lastKey)) throw new InvalidCursorError('The cursor is malformed.');
      return lastKey;
    },
  };
}
