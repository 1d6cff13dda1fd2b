import type { EmfRecord } from './emf-record';

/** The content type of Prometheus text exposition format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Upper bounds (ms) of the histogram buckets of millisecond metrics (`LatencyMs`). */
const LATENCY_BUCKETS_MS: readonly number[] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

type Kind = 'counter' | 'histogram' | 'summary';

interface Series {
  labels: Record<string, string>;
  sum: number;
  count: number;
  /** Histogram only: how many values fell at or below each bound of {@link LATENCY_BUCKETS_MS}. */
  buckets: number[];
}

interface Family {
  name: string;
  kind: Kind;
  help: string;
  series: Map<string, Series>;
}

/** `ServerlessFactory` → `serverless_factory`, `Status4xx` → `status_4xx`, `LatencyMs` → `latency_ms`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([A-Za-z])(\d)/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase();
}

/** How an EMF unit is exposed: counts are counters, milliseconds a histogram, anything else a summary. */
function kindOf(unit: string): Kind {
  if (unit === 'Count') return 'counter';
  if (unit === 'Milliseconds') return 'histogram';
  return 'summary';
}

/** The Prometheus family name of an EMF metric: namespace prefix, snake case, unit suffix. */
export function prometheusName(namespace: string, metric: string, unit: string): string {
  const base = [snakeCase(namespace), snakeCase(metric)].filter(Boolean).join('_');
  const name = /^[a-z_]/.test(base) ? base : `_${base}`;
  if (kindOf(unit) === 'counter') return `${name}_total`;
  if (unit === 'Milliseconds' && !/_(ms|milliseconds)$/.test(name)) return `${name}_milliseconds`;
  return name;
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelName(name: string): string {
  const snake = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(snake) ? snake : `_${snake}`;
}

/** `{service="catalog",stage="local"}`: service and stage first, then the other labels by name. */
function renderLabels(labels: Record<string, string>, extra?: [string, string]): string {
  const order = (name: string): string => (name === 'service' ? '0' : name === 'stage' ? '1' : `2${name}`);
  const entries = Object.entries(labels).sort(([a], [b]) => order(a).localeCompare(order(b)));
  if (extra) entries.push(extra);
  if (entries.length === 0) return '';
  return `{${entries.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/**
 * The services' EMF metrics, aggregated since the stack started and rendered as Prometheus text
 * (format 0.0.4): `Count` metrics are counters (every value summed), `Milliseconds` metrics are
 * histograms over {@link LATENCY_BUCKETS_MS}, any other unit a summary (`_sum`, `_count`). Every
 * series is labelled with the EMF dimensions, `service` and `stage` always among them.
 *
 * @example
 * import { parseEmfLine } from './emf-record';
 * declare const line: string; // one line a service printed
 * const registry = new PrometheusRegistry({ stage: 'local' });
 * registry.record('catalog', parseEmfLine(line) ?? []);
 * registry.render(); // '# HELP serverless_factory_requests_total …\n# TYPE … counter\n…'
 */
export class PrometheusRegistry {
  private readonly families = new Map<string, Family>();

  constructor(private readonly defaults: { stage: string }) {}

  /** Adds the metrics of one EMF line printed by `service`. */
  record(service: string, records: readonly EmfRecord[]): void {
    for (const record of records) {
      const labels: Record<string, string> = {};
      for (const [name, value] of Object.entries(record.dimensions)) labels[labelName(name)] = value;
      labels['service'] ??= service;
      labels['stage'] ??= this.defaults.stage;
      const key = renderLabels(labels);
      for (const metric of record.metrics) {
        const name = prometheusName(record.namespace, metric.name, metric.unit);
        const kind = kindOf(metric.unit);
        let family = this.families.get(name);
        if (!family) {
          family = {
            name,
            kind,
            help: `${metric.name} (EMF namespace ${record.namespace}, unit ${metric.unit}) from the services' output`,
            series: new Map(),
          };
          this.families.set(name, family);
        }
        if (family.kind !== kind) continue;
        let series = family.series.get(key);
        if (!series) {
          series = { labels, sum: 0, count: 0, buckets: LATENCY_BUCKETS_MS.map(() => 0) };
          family.series.set(key, series);
        }
        for (const value of metric.values) {
          series.sum += value;
          series.count += 1;
          if (kind === 'histogram') {
            LATENCY_BUCKETS_MS.forEach((bound, index) => {
              if (value <= bound) series.buckets[index] = (series.buckets[index] ?? 0) + 1;
            });
          }
        }
      }
    }
  }

  /** The exposition: one `# HELP` and one `# TYPE` per family, families and series in a stable order. */
  render(): string {
    const lines: string[] = [];
    for (const family of [...this.families.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      lines.push(`# HELP ${family.name} ${family.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
      lines.push(`# TYPE ${family.name} ${family.kind}`);
      const ordered = [...family.series.entries()].sort(([a], [b]) => a.localeCompare(b));
      for (const [labels, series] of ordered) {
        if (family.kind === 'counter') {
          lines.push(`${family.name}${labels} ${formatNumber(series.sum)}`);
          continue;
        }
        if (family.kind === 'histogram') {
          LATENCY_BUCKETS_MS.forEach((bound, index) => {
            const le = renderLabels(series.labels, ['le', formatNumber(bound)]);
            lines.push(`${family.name}_bucket${le} ${series.buckets[index] ?? 0}`);
          });
          lines.push(`${family.name}_bucket${renderLabels(series.labels, ['le', '+Inf'])} ${series.count}`);
        }
        lines.push(`${family.name}_sum${labels} ${formatNumber(series.sum)}`);
        lines.push(`${family.name}_count${labels} ${series.count}`);
      }
    }
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  }
}
