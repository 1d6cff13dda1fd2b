import { createMetrics, type PlatformMetrics } from './platform-metrics';

let shared: PlatformMetrics | undefined;

/**
 * The process-wide metrics instance, created by {@link createMetrics} with its defaults on first use.
 *
 * @example
 * getMetrics().addBusinessMetric('OrdersPlaced');
 * getMetrics().publish();
 */
export function getMetrics(): PlatformMetrics {
  shared ??= createMetrics();
  return shared;
}
