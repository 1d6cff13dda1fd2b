/** p50/p99/mean/min/max of a set of samples, in the samples' unit. */
export interface Summary {
  p50: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** The nearest-rank percentile (`fraction` 0.5 for p50) of ascending `sorted` samples. */
function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Rounds to `decimals` places (2 by default). */
function round(value: number, decimals = 2): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/**
 * Summarises samples, rounded to `decimals` places.
 *
 * @example
 * summarise([3, 1, 2]); // { p50: 2, p99: 3, mean: 2, min: 1, max: 3 }
 */
export function summarise(samples: readonly number[], decimals = 2): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return {
    p50: round(percentile(sorted, 0.5), decimals),
    p99: round(percentile(sorted, 0.99), decimals),
    mean: round(mean, decimals),
    min: round(sorted[0] ?? Number.NaN, decimals),
    max: round(sorted[sorted.length - 1] ?? Number.NaN, decimals),
  };
}
