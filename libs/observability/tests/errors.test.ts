import { InvalidLogLevelError, InvalidMetricError, ObservabilityError } from '../src';

describe('errors', () => {
  it.each([
    ['ObservabilityError', ObservabilityError],
    ['InvalidLogLevelError', InvalidLogLevelError],
    ['InvalidMetricError', InvalidMetricError],
  ])('%s has its name, is an ObservabilityError, and passes the cause on', (name, ErrorClass) => {
    const cause = new RangeError('underlying');
    const error = new ErrorClass('explained', { cause });
    expect(error).toBeInstanceOf(ObservabilityError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.message).toBe('explained');
    expect(error.cause).toBe(cause);
  });
});
