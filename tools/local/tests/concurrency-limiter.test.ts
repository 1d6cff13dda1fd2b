import { ConcurrencyLimiter } from '../src/concurrency-limiter';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimiter', () => {
  it('lets `limit` holders through and the others in arrival order as places are given back', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const order: number[] = [];
    const releases: Array<() => void> = [];
    for (let i = 1; i <= 4; i += 1) {
      void limiter.acquire().then((release) => {
        order.push(i);
        releases.push(release);
      });
    }
    await tick();
    expect(order).toEqual([1, 2]);
    expect([limiter.inFlight, limiter.queued]).toEqual([2, 2]);
    releases[1]?.();
    releases[1]?.(); // a second call gives nothing more back
    await tick();
    expect(order).toEqual([1, 2, 3]);
    expect([limiter.inFlight, limiter.queued]).toEqual([2, 1]);
    releases[0]?.();
    releases[2]?.();
    await tick();
    expect(order).toEqual([1, 2, 3, 4]);
    releases[3]?.();
    expect([limiter.inFlight, limiter.queued]).toEqual([0, 0]);
  });

  it('does not limit with 0', async () => {
    const limiter = new ConcurrencyLimiter(0);
    await Promise.all(Array.from({ length: 50 }, () => limiter.acquire()));
    expect([limiter.inFlight, limiter.queued]).toEqual([50, 0]);
  });
});
