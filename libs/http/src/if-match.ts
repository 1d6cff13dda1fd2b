/** A parsed `If-Match` header: `*` or the versions it lists. */
export type IfMatch = { any: true } | { any: false; versions: number[] };

/**
 * Parses `If-Match` (`"3"`, `W/"3"`, `"3", "4"`, `*`). Entity tags that are not versions are kept
 * out of `versions`, so they never match. Absent header → `undefined`.
 *
 * @example
 * parseIfMatch('"3"'); // { any: false, versions: [3] }
 */
export function parseIfMatch(header: string | undefined): IfMatch | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return { any: true };
  const versions: number[] = [];
  for (const part of header.split(',')) {
    const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(part);
    if (match?.[1]) versions.push(Number(match[1]));
  }
  return { any: false, versions };
}

/**
 * Whether an `If-Match` precondition holds for the current version (`undefined` when the resource
 * does not exist: only an absent header holds then).
 *
 * @example
 * ifMatchHolds(parseIfMatch('"3"'), 3); // true
 */
export function ifMatchHolds(ifMatch: IfMatch | undefined, currentVersion: number | undefined): boolean {
  if (!ifMatch) return true;
  if (currentVersion === undefined) return false;
  return ifMatch.any || ifMatch.versions.includes(currentVersion);
}

/** A write's precondition as a test of the stored version (`undefined`: the resource does not exist). */
export type VersionCheck = (currentVersion: number | undefined) => boolean;

/**
 * The precondition an `If-Match` header puts on a write, as a {@link VersionCheck} the use case
 * applies to the version it reads; `undefined` without the header (no precondition). The one
 * If-Match rule every service uses, so their domains never parse or compare entity tags.
 *
 * @example
 * const check = versionCheck(parseIfMatch('"3"'));
 * check?.(3); // true
 * check?.(undefined); // false: If-Match never holds for a missing resource
 */
export function versionCheck(ifMatch: IfMatch | undefined): VersionCheck | undefined {
  return ifMatch === undefined ? undefined : (currentVersion) => ifMatchHolds(ifMatch, currentVersion);
}
