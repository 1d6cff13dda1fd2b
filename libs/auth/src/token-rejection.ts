import { errors } from 'jose';
import { JwksUnavailableError, UnauthorizedError } from './errors';

const { JOSEError } = errors;

/** Claim names jose reports, safe to repeat to a client. */
const SAFE_CLAIM_NAME = /^[a-z_]{1,32}$/;

function claimProblem(claim: string, reason: string): string {
  const name = SAFE_CLAIM_NAME.test(claim) ? claim : 'required';
  if (reason === 'missing') return `token has no ${name} claim`;
  if (claim === 'iss') return 'wrong issuer';
  if (claim === 'aud') return 'wrong audience';
  if (claim === 'nbf' && reason === 'check_failed') return 'token not yet valid';
  return `token has an invalid ${name} claim`;
}

/** The client-safe reason a jose verification error stands for. */
function problemOf(error: InstanceType<typeof JOSEError>): string {
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return 'token expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = error as InstanceType<typeof errors.JWTClaimValidationFailed>;
      return claimProblem(claim, reason);
    }
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'token algorithm not allowed';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'invalid token signature';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
    case 'ERR_JWK_INVALID':
      return 'token signing key not recognised';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'malformed token';
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'unsupported token';
    default:
      return 'invalid token';
  }
}

/**
 * Turns what `jwtVerify` threw into the error the verifier rejects with: a jose verdict on the
 * token becomes an {@link UnauthorizedError} with a client-safe message (the jose error is its
 * `cause`); a {@link JwksUnavailableError} passes through; anything else is rethrown as it is.
 */
export function rejectionFor(error: unknown, realm: string): unknown {
  if (error instanceof JwksUnavailableError) return error;
  if (error instanceof JOSEError) return new UnauthorizedError(problemOf(error), { realm, cause: error });
  return error;
}

/** jose errors raised while picking a key from a fetched set: a verdict on the token, not an outage. */
const KEY_SELECTION_CODES = new Set([
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JWK_INVALID',
  'ERR_JOSE_NOT_SUPPORTED',
]);

/**
 * Classifies what the remote key set threw: key-selection failures are kept (they judge the
 * token); anything else — timeout, refused connection, non-200, not a JWKS — means the keys could
 * not be fetched and becomes a {@link JwksUnavailableError}.
 */
export function keyResolutionError(error: unknown, jwksUrl: string): unknown {
  if (error instanceof JOSEError && KEY_SELECTION_CODES.has(error.code)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new JwksUnavailableError(`signing keys could not be fetched from ${jwksUrl}: ${reason}`, {
    cause: error,
  });
}
