// The start/stop policy alone, with recording hooks and a clock of its own; the real processes are
// started and stopped by tests/thirty-services.test.ts.
import { OnDemandServices, type OnDemandHooks } from '../src/on-demand';

function recorder(options: { failStart?: Set<string>; startMs?: number } = {}): OnDemandHooks & {
  events: string[];
} {
  const events: string[] = [];
  return {
    events,
    async start(service) {
      events.push(`start ${service}`);
      await new Promise((resolve) => setTimeout(resolve, options.startMs ?? 0));
      if (options.failStart?.has(service)) throw new Error(`${service} failed to build`);
      events.push(`started ${service}`);
    },
    async stop(service, reason) {
      events.push(`stop ${service}: ${reason}`);
    },
  };
}

describe('OnDemandServices', () => {
  it('starts a service on its first acquire, once for requests that arrive together, and not again while it runs', async () => {
    const hooks = recorder({ startMs: 20 });
    const services = new OnDemandServices(['catalog'], hooks, { idleStopMs: 0, maxRunning: 0 });
    expect(services.stateOf('catalog')).toBe('stopped');
    const releases = await Promise.all([services.acquire('catalog'), services.acquire('catalog')]);
    const third = await services.acquire('catalog');
    expect(hooks.events).toEqual(['start catalog', 'started catalog']);
    expect(services.stateOf('catalog')).toBe('running');
    for (const release of [...releases, third]) release();
  });

  it('stops a service idle for idleStopMs, never one with a request in flight, and starts it again on its next request', async () => {
    let now = 0;
    const hooks = recorder();
    const services = new OnDemandServices(['catalog', 'orders'], hooks, {
      idleStopMs: 1000,
      maxRunning: 0,
      now: () => now,
    });
    const releaseCatalog = await services.acquire('catalog');
    releaseCatalog();
    const releaseOrders = await services.acquire('orders'); // still in flight below
    now = 999;
    expect(await services.stopIdle()).toEqual([]);
    now = 1000;
    expect(await services.stopIdle()).toEqual(['catalog']);
    expect(services.stateOf('catalog')).toBe('stopped');
    expect(services.stateOf('orders')).toBe('running');
    expect(hooks.events).toContain('stop catalog: idle for 1 s: stopped (its next request starts it)');
    (await services.acquire('catalog'))();
    expect(hooks.events.filter((event) => event === 'start catalog')).toHaveLength(2);
    releaseOrders();
  });

  it('stops the least recently used idle service to stay within maxRunning', async () => {
    let now = 0;
    const hooks = recorder();
    const services = new OnDemandServices(['a', 'b', 'c'], hooks, {
      idleStopMs: 0,
      maxRunning: 2,
      now: () => now,
    });
    (await services.acquire('a'))();
    now = 10;
    (await services.acquire('b'))();
    now = 20;
    (await services.acquire('a'))(); // a is now the most recently used
    now = 30;
    (await services.acquire('c'))();
    expect(services.running().sort()).toEqual(['a', 'c']);
    expect(hooks.events).toContain('stop b: stopped to make room for c (at most 2 run on demand)');
  });

  it('goes past maxRunning rather than stop a service that is answering a request', async () => {
    const hooks = recorder();
    const services = new OnDemandServices(['a', 'b'], hooks, { idleStopMs: 0, maxRunning: 1 });
    const holdA = await services.acquire('a');
    (await services.acquire('b'))();
    expect(services.running().sort()).toEqual(['a', 'b']);
    expect(hooks.events.some((event) => event.startsWith('stop'))).toBe(false);
    holdA();
  });

  it('fails every request waiting on a start that fails, and tries again on the next request', async () => {
    const failStart = new Set(['catalog']);
    const hooks = recorder({ failStart, startMs: 10 });
    const services = new OnDemandServices(['catalog'], hooks, { idleStopMs: 0, maxRunning: 0 });
    const results = await Promise.allSettled([services.acquire('catalog'), services.acquire('catalog')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(hooks.events).toEqual(['start catalog']);
    expect(services.stateOf('catalog')).toBe('stopped');
    failStart.clear();
    (await services.acquire('catalog'))();
    expect(services.stateOf('catalog')).toBe('running');
  });

  it('starts a service that exited by itself again on its next request', async () => {
    const hooks = recorder();
    const services = new OnDemandServices(['catalog'], hooks, { idleStopMs: 0, maxRunning: 0 });
    (await services.acquire('catalog'))();
    services.exited('catalog');
    expect(services.stateOf('catalog')).toBe('stopped');
    (await services.acquire('catalog'))();
    expect(hooks.events.filter((event) => event === 'start catalog')).toHaveLength(2);
  });

  it('refuses a service it does not start on demand', async () => {
    const services = new OnDemandServices(['catalog'], recorder(), { idleStopMs: 0, maxRunning: 0 });
    expect(services.has('orders')).toBe(false);
    await expect(services.acquire('orders')).rejects.toThrow('orders is not started on demand');
  });
});
