export {
  PlatformAuthError,
  AuthError,
  UnauthorizedError,
  ForbiddenError,
  AuthConfigError,
  JwksUnavailableError,
  DevIssuerError,
  type UnauthorizedErrorOptions,
  type ForbiddenErrorOptions,
} from './errors';
export {
  createJwtVerifier,
  ALLOWED_ALGORITHMS,
  type AllowedAlgorithm,
  type JwtVerifier,
  type JwtVerifierOptions,
} from './jwt-verifier';
export { authConfigFromEnv } from './auth-config';
export { bearerToken, type BearerTokenOptions } from './bearer-token';
export { principalFromClaims, type Principal, type PrincipalFromClaimsOptions } from './principal';
export { requireScopes, type RequireScopesOptions } from './require-scopes';
export type { BearerErrorCode } from './www-authenticate';
