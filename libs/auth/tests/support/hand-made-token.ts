// Tokens assembled byte by byte, for the attacks a signing library refuses to produce.
import { createHmac } from 'node:crypto';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** `header.payload.` with an empty signature, as `alg: none` tokens are. */
export function unsignedToken(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  return `${base64url(header)}.${base64url(payload)}.`;
}

/** `header.payload.signature` with an HMAC-SHA256 signature keyed with `key`. */
export function hmacSha256Token(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: string | Buffer,
): string {
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  const signature = createHmac('sha256', key).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

/** Valid-looking claims for `issuer` / `audience`, one hour of life left. */
export function claimsFor(issuer: string, audience: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: issuer, aud: audience, sub: 'customer-1', tenant_id: 'tenant-1', iat: now, exp: now + 3600 };
}
