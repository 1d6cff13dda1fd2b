/** The realm named in challenges unless the caller picks another. */
export const DEFAULT_REALM = 'api';

/** The RFC 6750 error codes a resource server puts in its `WWW-Authenticate: Bearer` challenge. */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/** What a `WWW-Authenticate: Bearer` challenge says. */
export interface BearerChallenge {
  realm: string;
  /** Left out when the request carried no credentials at all (RFC 6750 §3.1). */
  error?: BearerErrorCode;
  description?: string;
  /** Scopes the resource needs, for `insufficient_scope`. */
  scope?: readonly string[];
}

/**
 * Keeps a value inside an RFC 6750 quoted attribute: printable ASCII without `"` and `\`.
 * Anything else is replaced so that a challenge can never be broken out of.
 */
function quotable(value: string): string {
  return value.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?');
}

/**
 * Formats the value of a `WWW-Authenticate` header for the Bearer scheme (RFC 6750 §3).
 *
 * @example
 * bearerChallenge({ realm: 'api', error: 'invalid_token', description: 'token expired' });
 * // 'Bearer realm="api", error="invalid_token", error_description="token expired"'
 */
export function bearerChallenge(challenge: BearerChallenge): string {
  const attributes = [`realm="${quotable(challenge.realm)}"`];
  if (challenge.error) {
    attributes.push(`error="${challenge.error}"`);
    if (challenge.description) attributes.push(`error_description="${quotable(challenge.description)}"`);
    if (challenge.scope?.length) attributes.push(`scope="${quotable(challenge.scope.join(' '))}"`);
  }
  return `Bearer ${attributes.join(', ')}`;
}
