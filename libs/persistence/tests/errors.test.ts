import {
  AlreadyExistsError,
  DependencyUnavailableError,
  InvalidCursorError,
  NotFoundError,
  PersistenceConfigError,
  PersistenceError,
  ThrottledError,
  TransactionCanceledError,
  VersionConflictError,
} from '../src';

describe('errors', () => {
  const cause = new Error('sdk');
  it.each([
    ['PersistenceError', new PersistenceError('m', { cause })],
    ['AlreadyExistsError', new AlreadyExistsError(undefined, { cause })],
    ['NotFoundError', new NotFoundError(undefined, { cause })],
    ['VersionConflictError', new VersionConflictError({ cause })],
    ['InvalidCursorError', new InvalidCursorError(undefined, { cause })],
    ['TransactionCanceledError', new TransactionCanceledError([], { cause })],
    ['ThrottledError', new ThrottledError({ cause })],
    ['DependencyUnavailableError', new DependencyUnavailableError({ cause })],
    ['PersistenceConfigError', new PersistenceConfigError('m', { cause })],
  ])('%s is a PersistenceError with its name set and the cause passed on', (name, error) => {
    expect(error).toBeInstanceOf(PersistenceError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.cause).toBe(cause);
  });

  it('VersionConflictError says which versions differ, or that they are unknown', () => {
    expect(new VersionConflictError({ expectedVersion: 3, actualVersion: 4 }).message).toBe(
      'Version conflict: expected version 3, found 4.',
    );
    expect(new VersionConflictError().message).toBe(
      'Version conflict: expected version (any), found (unknown).',
    );
  });

  it('ThrottledError and DependencyUnavailableError carry a Retry-After in seconds', () => {
    expect(new ThrottledError().retryAfterSec).toBe(1);
    expect(new DependencyUnavailableError().retryAfterSec).toBe(5);
    expect(new ThrottledError({ retryAfterSec: 7 }).retryAfterSec).toBe(7);
    expect(new DependencyUnavailableError({ retryAfterSec: 30, message: 'x' })).toMatchObject({
      retryAfterSec: 30,
      message: 'x',
    });
  });

  describe('TransactionCanceledError', () => {
    it('lists the failed entries and whether a condition failed', () => {
      const error = new TransactionCanceledError([
        { index: 0, code: 'None' },
        { index: 1, code: 'ConditionalCheckFailed', message: 'The conditional request failed' },
        { index: 2, code: 'None' },
      ]);
      expect(error).toMatchObject({ failedIndexes: [1], conditionFailed: true, retryable: false });
      expect(error.message).toBe('The transaction was cancelled: #1 ConditionalCheckFailed.');
    });

    it('is retryable when every failure was a conflict or throttling', () => {
      const error = new TransactionCanceledError([
        { index: 0, code: 'TransactionConflict' },
        { index: 1, code: 'ThrottlingError' },
      ]);
      expect(error).toMatchObject({ failedIndexes: [0, 1], conditionFailed: false, retryable: true });
    });

    it('is not retryable without reasons', () => {
      const error = new TransactionCanceledError([]);
      expect(error).toMatchObject({ failedIndexes: [], retryable: false });
      expect(error.message).toMatch(/no reason given/);
    });
  });
});
