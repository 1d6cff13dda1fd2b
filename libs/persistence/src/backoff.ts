/**
 * Waits before retry `attempt` (1-based) of an operation that lost a race (a version conflict, a
 * cancelled transaction): a random delay in 0 .. min(capMs, baseMs · 2^attempt) ms ("full jitter"),
 * so concurrent losers do not retry in lock-step.
 *
 * @example
 * declare function tryOnce(): Promise<boolean>; // false when it lost the race
 * for (let attempt = 1; attempt <= 10; attempt += 1) {
 *   if (await tryOnce()) break;
 *   await backoff(attempt);
 * }
 */
export function backoff(attempt: number, baseMs = 5, capMs = 250): Promise<void> {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
