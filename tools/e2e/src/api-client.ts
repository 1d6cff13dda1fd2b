import { randomUUID } from 'node:crypto';
import { E2eError } from './errors';

/** What one call answered. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  /** The body parsed as JSON; `undefined` when empty or not JSON. */
  body: unknown;
  text: string;
  /** The `x-correlation-id` sent (when one was). */
  sentCorrelationId: string | undefined;
}

/** Options of one call. */
export interface CallOptions {
  token?: string;
  /** Sent as JSON (`content-type: application/json`); a string is sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The `x-correlation-id` to send (default: a new `e2e-<uuid>`); `null` sends none. */
  correlationId?: string | null;
}

/** Methods that read: the only ones a read-only client sends. */
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * A small HTTP client for the API under test: every call goes to `baseUrl` (the gateway, or a
 * stage), with a fresh correlation id unless told otherwise. A `readOnly` client (the prod
 * canary) refuses every method but GET and HEAD before anything is sent.
 *
 * @example
 * declare const token: string;
 * const api = new ApiClient('http://127.0.0.1:3000');
 * const reply = await api.call('GET', '/catalog/products/PEN-1', { token });
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly options: { readOnly?: boolean } = {},
  ) {}

  async call(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
    if (this.options.readOnly && !READ_METHODS.has(method.toUpperCase())) {
      throw new E2eError(
        `${method} ${path} refused: this canary is read-only (prod), it sends GET and HEAD only`,
      );
    }
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const correlationId = options.correlationId === undefined ? `e2e-${randomUUID()}` : options.correlationId;
    if (correlationId !== null) headers['x-correlation-id'] = correlationId;
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined;
    if (typeof options.body === 'string') body = options.body;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      parsed = undefined;
    }
    return {
      status: response.status,
      headers: response.headers,
      body: parsed,
      text,
      sentCorrelationId: correlationId ?? undefined,
    };
  }
}
