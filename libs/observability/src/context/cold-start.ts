let invoked = false;

/**
 * Records that an invocation has started. Returns `true` on the first call in this process (the
 * cold start of the execution environment) and `false` on every later call. Call it once per
 * invocation, at its start.
 *
 * @example
 * import { resolveCorrelationId, runWithRequestContext } from '@platform/observability';
 *
 * declare function work(event: { correlationId?: string }): Promise<void>;
 * export const handler = (event: { correlationId?: string }) =>
 *   runWithRequestContext(
 *     { correlationId: resolveCorrelationId(event.correlationId), coldStart: markInvocation() },
 *     () => work(event),
 *   );
 */
export function markInvocation(): boolean {
  const coldStart = !invoked;
  invoked = true;
  return coldStart;
}
