/** A JSON object: anything non-null, non-array with string keys. */
export type JsonObject = Record<string, unknown>;

/** True when `value` is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * CloudFormation and IAM accept either one value or a list in many places (`Action`, `Resource`,
 * `Statement`): this reads both as a list. `undefined` reads as an empty list.
 */
export function toList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The object at `value[key]`, or `undefined` when absent or not an object. */
export function objectAt(value: unknown, key: string): JsonObject | undefined {
  if (!isJsonObject(value)) return undefined;
  const child = value[key];
  return isJsonObject(child) ? child : undefined;
}
