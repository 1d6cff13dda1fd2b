import { importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { DevIssuerError } from '../errors';
import { ALLOWED_ALGORITHMS, type AllowedAlgorithm } from '../jwt-verifier';
import { generateSigningKey, type SigningKey } from './signing-key';

/**
 * The `iss` of every dev token. Its default JWKS URL does not resolve: point `AUTH_JWKS_URL` at
 * wherever the local stack or the test harness serves {@link DevIssuer.jwks}.
 *
 * @example
 * import { createJwtVerifier } from '../jwt-verifier';
 *
 * declare const jwksUrl: string; // where the local stack or test harness serves the JWKS
 * createJwtVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwksUrl });
 */
export const DEV_ISSUER = 'https://dev-issuer.serverless-factory.local/';

/**
 * The `aud` of every dev token unless the caller picks another.
 *
 * @example
 * process.env['AUTH_AUDIENCE'] = DEV_AUDIENCE;
 */
export const DEV_AUDIENCE = 'serverless-factory';

/**
 * What a dev token says. Times are in seconds relative to now.
 *
 * @example
 * const expired: MintOptions = { sub: 'c-1', tenant: 't-1', scope: ['orders:read'], expiresInSec: -60 };
 */
export interface MintOptions {
  /** The customer (`sub`). */
  sub: string;
  /** The tenant (`tenant_id`). */
  tenant: string;
  /** Scopes, space-separated or as a list (`scope`); no `scope` claim when omitted. */
  scope?: string | readonly string[];
  /** Lifetime in seconds (default 3600); negative for an already expired token. */
  expiresInSec?: number;
  /** `aud` (default: the issuer's audience). */
  audience?: string | string[];
  /** `iss` (default: the issuer's). */
  issuer?: string;
  /** Sets `nbf` this many seconds from now (positive: not yet valid). No `nbf` when omitted. */
  notBeforeSec?: number;
  /** Extra claims, applied last: they override the ones above (`undefined` removes one). */
  claims?: Record<string, unknown>;
}

/**
 * A token issuer for local use and tests.
 *
 * @example
 * import { loadOrCreateDevIssuer } from './key-folder';
 *
 * const issuer: DevIssuer = await loadOrCreateDevIssuer();
 * const token = await issuer.mint({ sub: 'c-1', tenant: 't-1' });
 * const { keys } = issuer.jwks();
 */
export interface DevIssuer {
  readonly issuer: string;
  readonly audience: string;
  /** Key id of the signing key (its RFC 7638 thumbprint). */
  readonly kid: string;
  readonly alg: AllowedAlgorithm;
  /** The JWKS document to serve at the JWKS URL: public keys only. */
  jwks(): { keys: JWK[] };
  /** Signs a token with the issuer's key. */
  mint(options: MintOptions): Promise<string>;
}

/** Options naming a dev issuer's `iss` and default `aud`. */
export interface DevIssuerIdentity {
  /** `iss` of its tokens (default {@link DEV_ISSUER}). */
  issuer?: string;
  /** Default `aud` of its tokens (default {@link DEV_AUDIENCE}). */
  audience?: string;
}

function relativeSeconds(value: number | undefined, name: string): number | undefined {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
    throw new DevIssuerError(`${name} must be a finite number of seconds`);
  }
  return value;
}

/** A {@link DevIssuer} signing with the given key. */
export async function devIssuerFromKey(
  key: SigningKey,
  identity: DevIssuerIdentity = {},
): Promise<DevIssuer> {
  const privateKey = await importJWK(key.privateJwk, key.alg);
  const issuer = identity.issuer ?? DEV_ISSUER;
  const audience = identity.audience ?? DEV_AUDIENCE;
  return {
    issuer,
    audience,
    kid: key.kid,
    alg: key.alg,
    jwks: () => ({ keys: [{ ...key.publicJwk }] }),
    async mint(options: MintOptions): Promise<string> {
      const expiresIn = relativeSeconds(options.expiresInSec, 'expiresInSec') ?? 3600;
      const notBefore = relativeSeconds(options.notBeforeSec, 'notBeforeSec');
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload = {
        iss: options.issuer ?? issuer,
        sub: options.sub,
        aud: options.audience ?? audience,
        iat: now,
        exp: now + Math.trunc(expiresIn),
        tenant_id: options.tenant,
      };
      if (notBefore !== undefined) payload.nbf = now + Math.trunc(notBefore);
      if (options.scope !== undefined) {
        payload['scope'] = typeof options.scope === 'string' ? options.scope : options.scope.join(' ');
      }
      Object.assign(payload, options.claims);
      return new SignJWT(payload)
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
        .sign(privateKey);
    },
  };
}

/**
 * Creates a dev issuer with a fresh key held in memory only (for one test file, or to test key
 * rotation). RS256 unless `alg` says ES256.
 *
 * @example
 * const issuer = await createDevIssuer({ alg: 'ES256' });
 * const token = await issuer.mint({ sub: 'c-1', tenant: 't-1', scope: 'orders:read' });
 * issuer.jwks(); // { keys: [<its public ES256 key>] }: serve it where AUTH_JWKS_URL points
 */
export async function createDevIssuer(
  options: DevIssuerIdentity & { alg?: AllowedAlgorithm } = {},
): Promise<DevIssuer> {
  const alg = options.alg ?? 'RS256';
  if (!(ALLOWED_ALGORITHMS as readonly string[]).includes(alg)) {
    throw new DevIssuerError(`alg must be RS256 or ES256, not ${String(alg)}`);
  }
  return devIssuerFromKey(await generateSigningKey(alg), options);
}
