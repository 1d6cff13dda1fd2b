import { ForbiddenError, JwksUnavailableError, UnauthorizedError } from '@platform/auth';
import {
  AlreadyExistsError,
  DependencyUnavailableError,
  InvalidCursorError,
  NotFoundError,
  ThrottledError,
  TransactionCanceledError,
  VersionConflictError,
} from '@platform/persistence';
import {
  conflict,
  HttpError,
  notFound,
  preconditionFailed,
  problemResponse,
  serviceUnavailable,
  toHttpError,
  unprocessable,
} from '../src';

describe('toHttpError', () => {
  it.each([
    [new InvalidCursorError('tampered'), 400, /\/invalid-cursor$/],
    [new ThrottledError(), 503, /\/service-unavailable$/],
    [new DependencyUnavailableError(), 503, /\/service-unavailable$/],
  ])('maps %p to %i', (error, status, type) => {
    const mapped = toHttpError(error);
    expect(mapped?.status).toBe(status);
    expect(mapped?.type).toMatch(type);
    expect(mapped?.detail).not.toContain((error as Error).message);
  });

  it('sends Retry-After with every 503 (the data store throttling, or unavailable)', () => {
    expect(toHttpError(new ThrottledError())?.headers['retry-after']).toMatch(/^\d+$/);
    expect(toHttpError(new DependencyUnavailableError())?.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('maps auth errors to 401/403 with WWW-Authenticate', () => {
    const unauthorized = toHttpError(new UnauthorizedError('token expired'));
    expect(unauthorized).toMatchObject({ status: 401, detail: 'token expired' });
    expect(unauthorized?.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(toHttpError(new ForbiddenError('missing scope orders:write', ['orders:write']))?.status).toBe(403);
  });

  it('maps an unreachable JWKS to 503 with Retry-After', () => {
    const mapped = toHttpError(new JwksUnavailableError('jwks down'));
    expect(mapped?.status).toBe(503);
    expect(mapped?.headers['retry-after']).toMatch(/^\d+$/);
  });

  it.each([
    ['NotFoundError', new NotFoundError('gone')],
    ['VersionConflictError', new VersionConflictError({ expectedVersion: 1, actualVersion: 2 })],
    ['AlreadyExistsError', new AlreadyExistsError('dup')],
    [
      'TransactionCanceledError',
      new TransactionCanceledError([{ index: 0, code: 'ConditionalCheckFailed' }]),
    ],
  ])(
    'leaves the domain-level %s unmapped: only a store translates it, into its domain error',
    (_name, error) => {
      expect(toHttpError(error)).toBeUndefined();
    },
  );

  it('leaves unknown errors unmapped (they become a bare 500)', () => {
    expect(toHttpError(new Error('boom'))).toBeUndefined();
    expect(toHttpError('a string')).toBeUndefined();
  });
});

describe('problemResponse', () => {
  it('renders RFC 9457 fields with the correlation id as instance', () => {
    const response = problemResponse(unprocessable([{ path: 'body.x', message: 'bad' }]), 'corr-12345678');
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(String(response.body))).toEqual({
      type: 'https://serverless-factory.dev/problems/validation-error',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'The request does not satisfy the schema.',
      instance: 'corr-12345678',
      errors: [{ path: 'body.x', message: 'bad' }],
    });
  });

  it('keeps the standard members over extensions of the same name', () => {
    const error = new HttpError(409, { type: 'x', extensions: { status: 200, sku: 'A' } });
    expect(JSON.parse(String(problemResponse(error, 'corr-12345678').body))).toMatchObject({
      status: 409,
      sku: 'A',
    });
  });
});

describe('error factories', () => {
  it('build the documented problems', () => {
    expect(notFound()).toMatchObject({ status: 404 });
    expect(conflict('idempotency-key-reused', 'reused').type).toMatch(/\/idempotency-key-reused$/);
    expect(preconditionFailed(3).detail).toContain('"3"');
    expect(preconditionFailed().status).toBe(412);
    expect(serviceUnavailable('down', 2).headers).toEqual({ 'retry-after': '2' });
    expect(new HttpError(418).title).toBe('Error');
    expect(new HttpError(400, { type: 'https://example.com/p' }).type).toBe('https://example.com/p');
  });
});
