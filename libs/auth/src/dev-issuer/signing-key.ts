import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { DevIssuerError } from '../errors';
import { ALLOWED_ALGORITHMS, type AllowedAlgorithm } from '../jwt-verifier';

/** A signing key pair as JWKs, named by its RFC 7638 thumbprint. */
export interface SigningKey {
  readonly alg: AllowedAlgorithm;
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

/** The members of a JWK that are public, per key type; everything else (`d`, `p`, ...) is private. */
const PUBLIC_MEMBERS: Record<string, readonly string[]> = { RSA: ['n', 'e'], EC: ['crv', 'x', 'y'] };

/** The public half of a JWK, built from an allow-list so no private member can slip through. */
function publicJwkOf(jwk: JWK, alg: AllowedAlgorithm, kid: string): JWK {
  const source = jwk as Record<string, unknown>;
  const publicJwk: Record<string, unknown> = { kty: jwk.kty };
  for (const member of PUBLIC_MEMBERS[String(jwk.kty)] ?? []) publicJwk[member] = source[member];
  return { ...publicJwk, kid, alg, use: 'sig' };
}

/**
 * Generates a key pair for `alg` (RSA 2048 for RS256, P-256 for ES256), exportable as JWKs.
 */
export async function generateSigningKey(alg: AllowedAlgorithm): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
  return { alg, kid, privateJwk, publicJwk: publicJwkOf(privateJwk, alg, kid) };
}

/** The JSON kept in the key file. */
export function serializeSigningKey(key: SigningKey, now = new Date()): string {
  const document = {
    version: 1,
    alg: key.alg,
    kid: key.kid,
    createdAt: now.toISOString(),
    privateJwk: key.privateJwk,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Reads a key file's JSON back; `source` names the file in the error when it is not a key. */
export function parseSigningKey(text: string, source: string): SigningKey {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    throw new DevIssuerError(`${source} is not JSON: delete it to create a new dev issuer key.`, { cause });
  }
  const { alg, kid, privateJwk } = (document ?? {}) as { alg?: unknown; kid?: unknown; privateJwk?: unknown };
  const jwk = privateJwk as JWK | undefined;
  if (
    !(ALLOWED_ALGORITHMS as readonly unknown[]).includes(alg) ||
    typeof kid !== 'string' ||
    typeof jwk !== 'object' ||
    jwk === null ||
    typeof jwk.kty !== 'string' ||
    typeof jwk.d !== 'string'
  ) {
    throw new DevIssuerError(`${source} is not a dev issuer key: delete it to create a new one.`);
  }
  const algorithm = alg as AllowedAlgorithm;
  return { alg: algorithm, kid, privateJwk: jwk, publicJwk: publicJwkOf(jwk, algorithm, kid) };
}
