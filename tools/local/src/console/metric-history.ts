import type { EmfRecord } from '../emf-record';

/** One metric of one service over time, one point per second that had values. */
export interface MetricSeries {
  service: string;
  metric: string;
  unit: string;
  /** Epoch seconds. */
  times: number[];
  /** Per second: the sum for `Count`, the mean for any other unit. */
  values: number[];
}

interface Bucket {
  second: number;
  sum: number;
  count: number;
}

/**
 * The services' EMF metrics over time (the same records `/metrics` sums), one bucket per second,
 * the last `seconds` buckets kept per series: what the console charts.
 *
 * @example
 * import { parseEmfLine } from '../emf-record';
 * declare const line: string;
 * const history = new MetricHistory();
 * history.record('catalog', parseEmfLine(line) ?? []);
 * history.series(); // [{ service: 'catalog', metric: 'Requests', unit: 'Count', times: […], values: […] }]
 */
export class MetricHistory {
  private readonly series_ = new Map<
    string,
    { service: string; metric: string; unit: string; buckets: Bucket[] }
  >();

  constructor(private readonly seconds = 900) {}

  record(service: string, records: readonly EmfRecord[], nowMs = Date.now()): void {
    const second = Math.floor(nowMs / 1000);
    for (const record of records) {
      const owner = record.dimensions['service'] ?? service;
      for (const metric of record.metrics) {
        const key = `${owner}\u0000${metric.name}`;
        let entry = this.series_.get(key);
        if (!entry) {
          entry = { service: owner, metric: metric.name, unit: metric.unit, buckets: [] };
          this.series_.set(key, entry);
        }
        let last = entry.buckets[entry.buckets.length - 1];
        if (!last || last.second !== second) {
          last = { second, sum: 0, count: 0 };
          entry.buckets.push(last);
          if (entry.buckets.length > this.seconds) entry.buckets.shift();
        }
        for (const value of metric.values) {
          last.sum += value;
          last.count += 1;
        }
      }
    }
  }

  /** Every series, by metric then service. */
  series(): MetricSeries[] {
    return [...this.series_.values()]
      .sort((a, b) => a.metric.localeCompare(b.metric) || a.service.localeCompare(b.service))
      .map((entry) => ({
        service: entry.service,
        metric: entry.metric,
        unit: entry.unit,
        times: entry.buckets.map((bucket) => bucket.second),
        values: entry.buckets.map((bucket) =>
          entry.unit === 'Count' ? bucket.sum : bucket.count === 0 ? 0 : bucket.sum / bucket.count,
        ),
      }));
  }
}
