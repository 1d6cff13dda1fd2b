import { stdSerializers } from 'pino';

/** What a redacted value is replaced with. */
const REDACTED = '[Redacted]';
/** What a reference back to an enclosing object is replaced with (the enclosing copy may differ). */
const CIRCULAR = '[Circular]';
/** Objects nested deeper than this are replaced whole, so nothing below them can leak. */
const MAX_DEPTH = 64;
const TRUNCATED = '[Truncated]';

/** Parts of a key (lower-cased, punctuation removed) that mark its value as secret. */
const SECRET_KEY_PARTS = [
  'authorization',
  'cookie',
  'token',
  'secret',
  'password',
  'passwd',
  'passphrase',
  'apikey',
  'privatekey',
  'credential',
  'sessionid',
];
/** Keys (lower-cased, punctuation removed) too short to match by part that are secret as a whole. */
const SECRET_KEYS = new Set(['auth', 'jwt', 'pass', 'pwd']);

const verdicts = new Map<string, boolean>();
const MAX_CACHED_VERDICTS = 4096;

/**
 * Whether a field with this name holds a secret: `authorization`, `set-cookie`, `refresh_token`,
 * `clientSecret`, `x-api-key`, `password`, … in any case and with any separators.
 */
export function isSecretKey(key: string): boolean {
  const cached = verdicts.get(key);
  if (cached !== undefined) return cached;
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  const secret = SECRET_KEYS.has(normalized) || SECRET_KEY_PARTS.some((part) => normalized.includes(part));
  if (verdicts.size < MAX_CACHED_VERDICTS) verdicts.set(key, secret);
  return secret;
}

/**
 * An Error as pino prints it (type, message with causes, stack, own fields), as a plain object.
 * `type` is the error's `name`: pino takes the constructor's name, which bundles do not keep (ADR-010).
 */
function serializeError(error: Error): Record<string, unknown> {
  const serialized: Record<string, unknown> = stdSerializers.err(error);
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(serialized)) plain[key] = serialized[key];
  plain['type'] = error.name;
  return plain;
}

function redactValue(value: unknown, ancestors: object[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.includes(value)) return CIRCULAR;
  if (ancestors.length >= MAX_DEPTH) return TRUNCATED;
  if (value instanceof Error) {
    const plain = serializeError(value);
    return redactFields(plain, ancestors, value) ?? plain;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    ancestors.push(value);
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      const redacted = redactValue(item, ancestors);
      if (redacted !== item) {
        copy ??= value.slice();
        copy[index] = redacted;
      }
    }
    ancestors.pop();
    return copy ?? value;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  return redactFields(value as Record<string, unknown>, ancestors, value) ?? value;
}

/** A copy of `record` with secrets replaced, or undefined when nothing in it needs redacting. */
function redactFields(
  record: Record<string, unknown>,
  ancestors: object[],
  identity: object,
): Record<string, unknown> | undefined {
  let copy: Record<string, unknown> | undefined;
  ancestors.push(identity);
  for (const key of Object.keys(record)) {
    const field = record[key];
    const redacted = isSecretKey(key)
      ? field === undefined
        ? field
        : REDACTED
      : redactValue(field, ancestors);
    if (redacted !== field) {
      copy ??= { ...record };
      copy[key] = redacted;
    }
  }
  ancestors.pop();
  return copy;
}

/**
 * Returns `fields` with the value of every secret-named field ({@link isSecretKey}), at any depth,
 * replaced by `"[Redacted]"` (the key stays), and Errors at any depth turned into pino's
 * `{ type, message, stack, … }` shape (redacted the same way). The input is never modified: what
 * changes is copied, what does not is shared.
 */
export function redactSecrets(fields: Record<string, unknown>): Record<string, unknown> {
  return redactFields(fields, [], fields) ?? fields;
}
