/**
 * At most `limit` holders at once; the others wait in arrival order. `limit` 0 (or less) means no
 * limit.
 *
 * @example
 * declare function work(): Promise<void>;
 * const limiter = new ConcurrencyLimiter(8);
 * const release = await limiter.acquire();
 * try { await work(); } finally { release(); }
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  /** Resolves with the function that gives the place back (calling it twice gives it back once). */
  async acquire(): Promise<() => void> {
    if (this.limit > 0 && this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active += 1;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The place goes straight to the next in line, so `active` stays as it is.
      if (next) next();
      else this.active -= 1;
    };
  }

  /** Holders now. */
  get inFlight(): number {
    return this.active;
  }

  /** Waiting now. */
  get queued(): number {
    return this.waiting.length;
  }
}
