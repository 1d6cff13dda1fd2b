/** How {@link OnDemandServices} starts and stops one service. */
export interface OnDemandHooks {
  /** Starts the service; resolves once it answers. */
  start(service: string): Promise<void>;
  /** Stops it; `reason` is said in the stack's output. */
  stop(service: string, reason: string): Promise<void>;
}

/** Options of {@link OnDemandServices}. */
export interface OnDemandOptions {
  /** A service no request has used for this long is stopped (0: never). */
  idleStopMs: number;
  /**
   * At most this many run at once (0: no limit): starting one more first stops the one used least
   * recently that has no request in flight.
   */
  maxRunning: number;
  /** The clock (tests give their own). */
  now?: () => number;
}

interface Entry {
  state: 'stopped' | 'starting' | 'running' | 'stopping';
  /** The start or stop under way. */
  transition: Promise<void> | undefined;
  inFlight: number;
  lastUsed: number;
}

/**
 * The services of the stack that start on their first request and stop when idle: one owner of
 * their running state. {@link acquire} starts a service when needed and holds it running until the
 * returned release is called, so a service is never stopped under a request; {@link stopIdle}
 * (called on a timer by the stack) stops those idle past `idleStopMs`.
 *
 * @example
 * declare const hooks: OnDemandHooks;
 * const services = new OnDemandServices(['catalog', 'orders'], hooks, { idleStopMs: 600_000, maxRunning: 8 });
 * const release = await services.acquire('catalog'); // starts catalog, resolves once it answers
 * release();
 */
export class OnDemandServices {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(
    names: readonly string[],
    private readonly hooks: OnDemandHooks,
    private readonly options: OnDemandOptions,
  ) {
    this.now = options.now ?? Date.now;
    for (const name of names) {
      this.entries.set(name, { state: 'stopped', transition: undefined, inFlight: 0, lastUsed: 0 });
    }
  }

  has(service: string): boolean {
    return this.entries.has(service);
  }

  /** `stopped`, `starting`, `running` or `stopping`; `undefined` for a service not started on demand. */
  stateOf(service: string): Entry['state'] | undefined {
    return this.entries.get(service)?.state;
  }

  /** The services running (or starting) now. */
  running(): string[] {
    return [...this.entries]
      .filter(([, entry]) => entry.state === 'running' || entry.state === 'starting')
      .map(([name]) => name);
  }

  /**
   * Resolves once `service` runs (starting it if it does not) with the function that ends this
   * hold; rejects when it fails to start (the next request tries again).
   */
  async acquire(service: string): Promise<() => void> {
    const entry = this.entries.get(service);
    if (!entry) throw new Error(`${service} is not started on demand`);
    entry.inFlight += 1;
    entry.lastUsed = this.now();
    try {
      // Someone else's failed start fails this request too (rather than every waiter trying again).
      while (entry.state !== 'running') {
        if (entry.transition) await entry.transition;
        else await this.begin(service, entry);
      }
    } catch (error) {
      entry.inFlight -= 1;
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      entry.inFlight -= 1;
      entry.lastUsed = this.now();
    };
  }

  /** Says that a running service's process went away by itself (it crashed): the next request starts it. */
  exited(service: string): void {
    const entry = this.entries.get(service);
    if (entry?.state === 'running') entry.state = 'stopped';
  }

  /** Stops every running service idle for `idleStopMs` or longer; resolves with their names. */
  async stopIdle(): Promise<string[]> {
    const { idleStopMs } = this.options;
    if (idleStopMs <= 0) return [];
    const cutoff = this.now() - idleStopMs;
    const idle = [...this.entries].filter(
      ([, entry]) => entry.state === 'running' && entry.inFlight === 0 && entry.lastUsed <= cutoff,
    );
    await Promise.all(
      idle.map(([name, entry]) =>
        this.stop(
          name,
          entry,
          `idle for ${Math.round(idleStopMs / 1000)} s: stopped (its next request starts it)`,
        ),
      ),
    );
    return idle.map(([name]) => name);
  }

  private async begin(service: string, entry: Entry): Promise<void> {
    entry.state = 'starting';
    // The least recently used service stops while this one starts: its stop is not this request's wait.
    const starting = Promise.all([this.makeRoom(service), this.hooks.start(service)]).then(() => undefined);
    entry.transition = starting;
    try {
      await starting;
      entry.state = 'running';
    } catch (error) {
      entry.state = 'stopped';
      throw error;
    } finally {
      entry.transition = undefined;
    }
  }

  /** Below `maxRunning`, by stopping the least recently used idle services. */
  private async makeRoom(starting: string): Promise<void> {
    const { maxRunning } = this.options;
    if (maxRunning <= 0) return;
    const others = [...this.entries].filter(
      ([name, entry]) => name !== starting && (entry.state === 'running' || entry.state === 'starting'),
    );
    const excess = others.length + 1 - maxRunning;
    if (excess <= 0) return;
    const idle = others
      .filter(([, entry]) => entry.state === 'running' && entry.inFlight === 0)
      .sort(([, a], [, b]) => a.lastUsed - b.lastUsed)
      .slice(0, excess);
    await Promise.all(
      idle.map(([name, entry]) =>
        this.stop(name, entry, `stopped to make room for ${starting} (at most ${maxRunning} run on demand)`),
      ),
    );
  }

  private async stop(service: string, entry: Entry, reason: string): Promise<void> {
    entry.state = 'stopping';
    const stopping = this.hooks.stop(service, reason);
    entry.transition = stopping;
    try {
      await stopping;
    } finally {
      entry.state = 'stopped';
      entry.transition = undefined;
    }
  }
}
