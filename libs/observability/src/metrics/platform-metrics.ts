import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricUnit as MetricUnitName } from '@aws-lambda-powertools/metrics/types';
import { readEnvironment } from '../environment';
import { InvalidMetricError } from '../errors';
import { EmfMetrics, type MetricsDestination } from './emf-metrics';
import { powertoolsLogForwarder } from './powertools-log-forwarder';

/**
 * How {@link createMetrics} builds a metrics instance. Every field is optional; the environment
 * supplies the rest.
 *
 * @example
 * const options: MetricsOptions = { namespace: 'ServerlessFactory', service: 'orders', stage: 'prod' };
 * const metrics = createMetrics(options);
 */
export interface MetricsOptions {
  /** CloudWatch namespace. Default (also for `''`): `POWERTOOLS_METRICS_NAMESPACE`, else `ServerlessFactory`. */
  namespace?: string;
  /** The `service` dimension. Default: `SERVICE_NAME`, else `POWERTOOLS_SERVICE_NAME`, else `service_undefined`. */
  service?: string;
  /** The `stage` dimension. Default: `STAGE`, else `stage_undefined`. */
  stage?: string;
  /** Where EMF lines go. Default: standard output. */
  destination?: MetricsDestination;
}

/**
 * The outcome of one HTTP request, as {@link PlatformMetrics.recordRequest} takes it.
 *
 * @example
 * const outcome: RequestOutcome = { status: 201, latencyMs: 48, coldStart: false };
 */
export interface RequestOutcome {
  /** The HTTP status code sent (100–599). */
  status: number;
  /** Time from receiving the request to sending the response, in milliseconds (≥ 0). */
  latencyMs: number;
  /** Whether this was the first invocation of the execution environment. */
  coldStart: boolean;
}

/**
 * The units a business metric may have.
 *
 * @example
 * const unit: BusinessMetricUnit = 'Milliseconds';
 */
export type BusinessMetricUnit = 'Count' | 'Milliseconds' | 'Bytes' | 'None';

/**
 * A service's metrics: the platform's request metrics plus its own business metrics, all with the
 * `service` and `stage` dimensions, written as CloudWatch EMF lines on {@link PlatformMetrics.publish}.
 *
 * @example
 * import { getMetrics } from '@platform/observability';
 *
 * const metrics = getMetrics();
 * metrics.recordRequest({ status: 201, latencyMs: 48, coldStart: false });
 * metrics.addBusinessMetric('OrdersPlaced');
 * metrics.publish(); // one line: {"_aws":{…},"service":"orders","stage":"dev","Requests":1,…,"OrdersPlaced":1}
 */
export interface PlatformMetrics {
  /**
   * Records one request: `Requests` = 1, `Status4xx` and `Status5xx` = 1 or 0, `LatencyMs`, and
   * `ColdStart` = 1 or 0 (zeros are written so that sums and averages are rates).
   *
   * @throws {InvalidMetricError} when the status is not an integer in 100–599 or the latency is not a finite number ≥ 0.
   */
  recordRequest(r: RequestOutcome): void;
  /**
   * Adds a business metric, e.g. `OrdersPlaced` or `ReservationsRejected` (value default 1, unit default `Count`).
   *
   * @throws {InvalidMetricError} when the name is empty, over 255 characters or reserved (`service`, `stage`,
   * `_aws`, or a request metric's name), the value is not finite, or the unit unknown.
   */
  addBusinessMetric(name: string, value?: number, unit?: BusinessMetricUnit): void;
  /** Writes everything recorded since the last publish as one EMF line now (nothing when nothing was recorded). */
  publish(): void;
}

const UNITS: Readonly<Record<BusinessMetricUnit, MetricUnitName>> = {
  Count: MetricUnit.Count,
  Milliseconds: MetricUnit.Milliseconds,
  Bytes: MetricUnit.Bytes,
  None: MetricUnit.NoUnit,
};

/** Names a business metric may not take: the EMF envelope, the dimensions, and the platform's own metrics. */
const RESERVED_NAMES = new Set([
  '_aws',
  'service',
  'stage',
  'Requests',
  'Status4xx',
  'Status5xx',
  'LatencyMs',
  'ColdStart',
]);

/** One fewer than the 100 values per metric at which Powertools flushes by itself. */
const MAX_REQUESTS_PER_LINE = 99;

const STANDARD_OUTPUT: MetricsDestination = { write: (line) => process.stdout.write(line) };

function checkOutcome(outcome: RequestOutcome): void {
  if (!Number.isInteger(outcome.status) || outcome.status < 100 || outcome.status > 599) {
    throw new InvalidMetricError(
      `A request status must be an integer from 100 to 599, not ${outcome.status}`,
    );
  }
  if (!Number.isFinite(outcome.latencyMs) || outcome.latencyMs < 0) {
    throw new InvalidMetricError(
      `A request latency must be a finite number of milliseconds ≥ 0, not ${outcome.latencyMs}`,
    );
  }
}

/**
 * Creates a metrics instance on Powertools Metrics (CloudWatch EMF) with the `service` and `stage`
 * dimensions. EMF lines go to standard output (or `options.destination`), one JSON object with an
 * `_aws` key per flush, unless `POWERTOOLS_METRICS_DISABLED` is true.
 *
 * @example
 * const metrics = createMetrics({ service: 'inventory' });
 * metrics.addBusinessMetric('ReservationsRejected');
 * metrics.publish();
 */
export function createMetrics(options: MetricsOptions = {}): PlatformMetrics {
  const environment = readEnvironment();
  const metrics = new EmfMetrics(
    {
      namespace: options.namespace || environment.metricsNamespace,
      serviceName: options.service || environment.service,
      defaultDimensions: { stage: options.stage || environment.stage },
      logger: powertoolsLogForwarder,
    },
    options.destination ?? STANDARD_OUTPUT,
    !environment.metricsDisabled,
  );

  let requestsPending = 0;

  return {
    recordRequest(outcome) {
      checkOutcome(outcome);
      // Powertools flushes by itself when a metric reaches 100 values, which would split this
      // request's five metrics across two lines; flush whole requests before that happens.
      if (requestsPending === MAX_REQUESTS_PER_LINE) {
        metrics.publishStoredMetrics();
        requestsPending = 0;
      }
      requestsPending += 1;
      metrics.addMetric('Requests', MetricUnit.Count, 1);
      metrics.addMetric('Status4xx', MetricUnit.Count, outcome.status >= 400 && outcome.status < 500 ? 1 : 0);
      metrics.addMetric('Status5xx', MetricUnit.Count, outcome.status >= 500 ? 1 : 0);
      metrics.addMetric('LatencyMs', MetricUnit.Milliseconds, outcome.latencyMs);
      metrics.addMetric('ColdStart', MetricUnit.Count, outcome.coldStart ? 1 : 0);
    },

    addBusinessMetric(name, value = 1, unit = 'Count') {
      if (RESERVED_NAMES.has(name)) {
        throw new InvalidMetricError(`Metric name "${name}" is reserved by the platform; choose another`);
      }
      if (!Number.isFinite(value)) {
        throw new InvalidMetricError(`Metric ${name} needs a finite number, not ${value}`);
      }
      if (!Object.hasOwn(UNITS, unit)) {
        throw new InvalidMetricError(
          `Metric ${name} has unit ${String(unit)}; use one of ${Object.keys(UNITS).join(', ')}`,
        );
      }
      try {
        metrics.addMetric(name, UNITS[unit], value);
      } catch (error) {
        throw new InvalidMetricError(`Metric "${name}" was refused: ${(error as Error).message}`, {
          cause: error,
        });
      }
    },

    publish() {
      metrics.publishStoredMetrics();
      requestsPending = 0;
    },
  };
}
