export {
  PlatformAuthError,
  AuthError,
  UnauthorizedError,
  ForbiddenError,
  AuthConfigError,
  JwksUnavailableError,
  DevIssuerError,
} from './errors';
export {
  createJwtVerifier,
  type AllowedAlgorithm,
  type JwtVerifier,
  type JwtVerifierOptions,
} from './jwt-verifier';
export { authConfigFromEnv } from './auth-config';
export { bearerToken } from './bearer-token';
export { principalFromClaims, type Principal } from './principal';
export { requireScopes } from './require-scopes';
