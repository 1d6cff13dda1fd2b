import { ForbiddenError } from './errors';
import type { Principal } from './principal';

/** Options of {@link requireScopes}. */
export interface RequireScopesOptions {
  /** Realm named in the challenge (default `api`). */
  realm?: string;
}

/**
 * Checks that the principal holds every required scope; throws {@link ForbiddenError} naming the
 * missing ones otherwise. No required scopes: nothing to check.
 *
 * @example
 * declare const principal: Principal;
 * requireScopes(principal, ['orders:write']); // ForbiddenError 'missing scope: orders:write' when absent
 */
export function requireScopes(
  principal: Principal,
  required: readonly string[],
  options: RequireScopesOptions = {},
): void {
  const held = new Set(principal.scopes);
  const requiredScopes = [...new Set(required)];
  const missing = requiredScopes.filter((scope) => !held.has(scope));
  if (missing.length > 0) {
    throw new ForbiddenError(
      `missing scope${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}`,
      missing,
      {
        requiredScopes,
        realm: options.realm,
      },
    );
  }
}
