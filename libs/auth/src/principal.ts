import { UnauthorizedError } from './errors';

/**
 * Who is calling: the customer (`sub`), their tenant and the scopes their token grants.
 *
 * @example
 * const principal: Principal = { sub: 'customer-1', tenantId: 'tenant-1', scopes: ['orders:read'] };
 */
export interface Principal {
  readonly sub: string;
  readonly tenantId: string;
  readonly scopes: readonly string[];
}

/** Options of {@link principalFromClaims}. */
export interface PrincipalFromClaimsOptions {
  /** Realm named in the challenge of a rejection (default `api`). */
  realm?: string;
}

function requireStringClaim(claims: Record<string, unknown>, name: string, realm?: string): string {
  const value = claims[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UnauthorizedError(`token has no ${name} claim`, { realm });
  }
  return value;
}

function scopesFrom(scope: unknown, realm?: string): string[] {
  if (scope === undefined) return [];
  const words =
    typeof scope === 'string'
      ? scope.split(/\s+/)
      : Array.isArray(scope) && scope.every((item): item is string => typeof item === 'string')
        ? scope
        : undefined;
  if (!words) throw new UnauthorizedError('token has an invalid scope claim', { realm });
  return [...new Set(words.filter((word) => word !== ''))];
}

/**
 * Maps verified JWT claims to a {@link Principal}: `sub` → `sub`, `tenant_id` → `tenantId`,
 * `scope` (space-separated; an array of strings is accepted too) → `scopes`.
 * Throws {@link UnauthorizedError} when `sub` or `tenant_id` is missing or empty.
 *
 * @example
 * principalFromClaims({ sub: 'c-1', tenant_id: 't-1', scope: 'orders:read orders:write' });
 * // { sub: 'c-1', tenantId: 't-1', scopes: ['orders:read', 'orders:write'] }
 */
export function principalFromClaims(
  claims: Record<string, unknown>,
  options: PrincipalFromClaimsOptions = {},
): Principal {
  const sub = requireStringClaim(claims, 'sub', options.realm);
  const tenantId = requireStringClaim(claims, 'tenant_id', options.realm);
  const scopes = Object.freeze(scopesFrom(claims['scope'], options.realm));
  return Object.freeze({ sub, tenantId, scopes });
}
