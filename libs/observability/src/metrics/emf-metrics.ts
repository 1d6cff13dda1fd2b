import { Metrics } from '@aws-lambda-powertools/metrics';
import type { MetricsOptions as PowertoolsMetricsOptions } from '@aws-lambda-powertools/metrics/types';

/** Receives each EMF line (one JSON object and a newline) when metrics are flushed. */
export interface MetricsDestination {
  write(line: string): void;
}

/**
 * Powertools Metrics whose flushes always go to `destination` as one EMF JSON line, including the
 * automatic flushes Powertools makes when 100 metrics or 100 values pile up. Powertools itself would
 * print nothing when `POWERTOOLS_DEV` is set, but the local stack reads these lines, so only
 * `POWERTOOLS_METRICS_DISABLED` (`enabled: false`) silences them.
 */
export class EmfMetrics extends Metrics {
  readonly #destination: MetricsDestination;
  readonly #enabled: boolean;

  constructor(options: PowertoolsMetricsOptions, destination: MetricsDestination, enabled: boolean) {
    super(options);
    this.#destination = destination;
    this.#enabled = enabled;
  }

  override publishStoredMetrics(): this {
    try {
      if (this.#enabled && this.hasStoredMetrics()) {
        this.#destination.write(`${JSON.stringify(this.serializeMetrics())}\n`);
      }
    } finally {
      this.clearMetrics();
      this.clearDimensions();
      this.clearMetadata();
    }
    return this;
  }
}
