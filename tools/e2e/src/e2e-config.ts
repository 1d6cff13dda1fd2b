import { randomBytes } from 'node:crypto';
import { UsageError } from './errors';

/** Every scope the sample services know. */
export const ALL_SCOPES =
  'catalog:read catalog:write inventory:read inventory:write orders:read orders:write';

/** The local gateway (docs/api.md "Common rules"). */
const DEFAULT_BASE_URL = 'http://127.0.0.1:3000';

/**
 * `BASE_URL` without a trailing slash (default {@link DEFAULT_BASE_URL}).
 *
 * @example
 * baseUrlFromEnv({ BASE_URL: 'https://api.dev.example.com/' }); // 'https://api.dev.example.com'
 */
export function baseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const value = env['BASE_URL']?.trim() || DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new UsageError(`BASE_URL must be an http(s) URL, not "${value}"`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`BASE_URL must be an http(s) URL, not "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

/** Whether a base URL is this machine (the local stack), where the dev issuer's tokens are trusted. */
export function isLoopback(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Names no other run uses, so the suite can run again and again against a shared stage: tenants
 * `e2e-<run>-<label>`, skus `E2E-<RUN>-<LABEL>`, one run id per test file.
 */
export class RunNames {
  readonly runId: string;

  constructor(runId = randomBytes(5).toString('hex')) {
    this.runId = runId;
  }

  /** A tenant of this run: `e2e-3fa9c0d2e1-acme`. */
  tenant(label: string): string {
    return `e2e-${this.runId}-${label}`;
  }

  /** A sku of this run (docs/api.md pattern `^[A-Z0-9][A-Z0-9-]{0,63}$`): `E2E-3FA9C0D2E1-PEN`. */
  sku(label: string): string {
    return `E2E-${this.runId}-${label}`.toUpperCase().replace(/[^A-Z0-9-]/g, '-');
  }

  /** An idempotency key of this run. */
  key(label: string): string {
    return `e2e-${this.runId}-${label}-${randomBytes(4).toString('hex')}`;
  }
}
