import { PROBLEM_BASE } from './problem-base';

/** One entry of a validation problem's `errors`. */
export interface FieldError {
  /** Where the value is: `body.lines[0].qty`, `query.limit`, `path.sku`, `header.idempotency-key`. */
  path: string;
  message: string;
}

/** Base class of every error `@platform/http` defines. */
class HttpLibError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpLibError';
  }
}

/** Options of {@link HttpError}. */
export interface HttpErrorOptions {
  /** Problem type slug (`insufficient-stock`) or absolute URI. Default: derived from the status. */
  type?: string;
  title?: string;
  detail?: string;
  errors?: FieldError[];
  /** Extra response headers (`Retry-After`, `WWW-Authenticate`). */
  headers?: Record<string, string>;
  /** Extra members of the problem document. */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad Request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not Found'],
  409: ['conflict', 'Conflict'],
  412: ['precondition-failed', 'Precondition Failed'],
  413: ['payload-too-large', 'Payload Too Large'],
  415: ['unsupported-media-type', 'Unsupported Media Type'],
  422: ['validation-error', 'Unprocessable Content'],
  429: ['too-many-requests', 'Too Many Requests'],
  500: ['internal-error', 'Internal Server Error'],
  503: ['service-unavailable', 'Service Unavailable'],
};

/** The problem type URI for a slug (`problemType('insufficient-stock')`). */
function problemType(slug: string): string {
  return /^[a-z]+:/.test(slug) ? slug : `${PROBLEM_BASE}/${slug}`;
}

/**
 * An error meant for the client: its status, RFC 9457 problem fields and headers become the
 * response. Anything thrown that is not an `HttpError` (or a known platform error) becomes a bare
 * 500.
 *
 * @example
 * throw new HttpError(409, { type: 'insufficient-stock', detail: 'SKU-1: 2 available, 5 asked' });
 */
export class HttpError extends HttpLibError {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(status: number, options: HttpErrorOptions = {}) {
    const [slug, title] = TITLES[status] ?? ['error', 'Error'];
    const detail = options.detail ?? title;
    super(detail, { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.type = problemType(options.type ?? slug);
    this.title = options.title ?? title;
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }
}

/** 400 Bad Request. @example throw badRequest('malformed-json', 'The body is not valid JSON.'); */
export function badRequest(type: string, detail: string): HttpError {
  return new HttpError(400, { type, detail });
}

/** 404 Not Found — also for another tenant's resource. @example throw notFound('No product PEN-1.'); */
export function notFound(detail = 'The resource does not exist.'): HttpError {
  return new HttpError(404, { detail });
}

/** 409 Conflict with a specific problem type. @example throw conflict('already-cancelled', 'Order 01H… is already cancelled.'); */
export function conflict(type: string, detail: string, extensions?: Record<string, unknown>): HttpError {
  return new HttpError(409, { type, detail, ...(extensions ? { extensions } : {}) });
}

/** 412 Precondition Failed (a stale `If-Match`). @example throw preconditionFailed(3); */
export function preconditionFailed(currentVersion?: number): HttpError {
  return new HttpError(412, {
    detail:
      currentVersion === undefined
        ? 'If-Match does not match the current version.'
        : `If-Match does not match the current version "${currentVersion}".`,
  });
}

/** 422 with field errors. @example throw unprocessable([{ path: 'body.lines', message: 'skus must be unique' }]); */
export function unprocessable(
  errors: FieldError[],
  detail = 'The request does not satisfy the schema.',
  type?: string,
): HttpError {
  return new HttpError(422, { errors, detail, ...(type ? { type } : {}) });
}

/** 503 with `Retry-After`. @example throw serviceUnavailable('catalog did not answer', 2); */
export function serviceUnavailable(detail: string, retryAfterSec = 1): HttpError {
  return new HttpError(503, { detail, headers: { 'retry-after': String(retryAfterSec) } });
}

/** A required environment variable is missing or invalid (thrown at module load). */
export class ConfigError extends HttpLibError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** A payload sent to an internal function did not match its schema. */
export class InvalidPayloadError extends HttpLibError {
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    super(`invalid payload: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    this.name = 'InvalidPayloadError';
    this.errors = errors;
  }
}
