import { backoff } from '../src';

describe('backoff', () => {
  afterEach(() => jest.useRealTimers());

  it('waits at most baseMs · 2^attempt, capped', async () => {
    jest.useFakeTimers();
    const spy = jest.spyOn(global, 'setTimeout');
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.999);
    for (const [attempt, ceiling] of [
      [1, 10],
      [3, 40],
      [10, 250],
    ] as const) {
      const waiting = backoff(attempt);
      jest.runAllTimers();
      await waiting;
      const delay = spy.mock.calls.at(-1)?.[1] ?? -1;
      expect(delay).toBeLessThanOrEqual(ceiling);
      expect(delay).toBeGreaterThan(ceiling * 0.99);
    }
    random.mockRestore();
  });

  it('resolves', async () => {
    await expect(backoff(1, 1, 1)).resolves.toBeUndefined();
  });
});
