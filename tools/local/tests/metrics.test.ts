import { createMetrics } from '@platform/observability';
import { looksLikeEmf, parseEmfLine } from '../src/emf-record';
import { PrometheusRegistry, prometheusName, snakeCase } from '../src/prometheus-registry';

/** EMF lines exactly as a service prints them: the platform's metrics on the real Powertools. */
function emfLines(service: string, record: (metrics: ReturnType<typeof createMetrics>) => void): string[] {
  const lines: string[] = [];
  const metrics = createMetrics({
    service,
    stage: 'local',
    destination: { write: (line) => lines.push(line.trim()) },
  });
  record(metrics);
  metrics.publish();
  return lines;
}

describe('parseEmfLine', () => {
  it('reads the namespace, the dimensions and every value of a Powertools EMF line', () => {
    const [line] = emfLines('catalog', (metrics) => {
      metrics.recordRequest({ status: 200, latencyMs: 12, coldStart: true });
      metrics.recordRequest({ status: 404, latencyMs: 30, coldStart: false });
    });
    expect(line).toBeDefined();
    const records = parseEmfLine(line ?? '');
    expect(records).toHaveLength(1);
    const [record] = records ?? [];
    expect(record?.namespace).toBe('ServerlessFactory');
    expect(record?.dimensions).toEqual({ service: 'catalog', stage: 'local' });
    const byName = Object.fromEntries((record?.metrics ?? []).map((metric) => [metric.name, metric]));
    expect(byName['Requests']).toEqual({ name: 'Requests', unit: 'Count', values: [1, 1] });
    expect(byName['Status4xx']?.values).toEqual([0, 1]);
    expect(byName['LatencyMs']).toEqual({ name: 'LatencyMs', unit: 'Milliseconds', values: [12, 30] });
    expect(byName['ColdStart']?.values).toEqual([1, 0]);
  });

  it('takes a single value as well as a list', () => {
    const line = JSON.stringify({
      _aws: {
        Timestamp: 1,
        CloudWatchMetrics: [
          { Namespace: 'N', Dimensions: [['service']], Metrics: [{ Name: 'OrdersPlaced', Unit: 'Count' }] },
        ],
      },
      service: 'orders',
      OrdersPlaced: 1,
    });
    expect(parseEmfLine(line)).toEqual([
      {
        namespace: 'N',
        dimensions: { service: 'orders' },
        metrics: [{ name: 'OrdersPlaced', unit: 'Count', values: [1] }],
      },
    ]);
  });

  it.each([
    ['a pino line', '{"level":"info","msg":"request"}'],
    ['plain text', 'GET /catalog/health (λ: health)'],
    ['broken JSON', '{"_aws": {'],
    ['an _aws without directives', '{"_aws":{"Timestamp":1}}'],
  ])('is undefined for %s', (_what, line) => {
    expect(parseEmfLine(line)).toBeUndefined();
  });

  it('tells EMF candidates from other lines before parsing', () => {
    expect(looksLikeEmf('  {"_aws":{}}')).toBe(true);
    expect(looksLikeEmf('{"level":"info"}')).toBe(false);
  });
});

describe('prometheusName', () => {
  it.each([
    ['ServerlessFactory', 'Requests', 'Count', 'serverless_factory_requests_total'],
    ['ServerlessFactory', 'Status4xx', 'Count', 'serverless_factory_status_4xx_total'],
    ['ServerlessFactory', 'LatencyMs', 'Milliseconds', 'serverless_factory_latency_ms'],
    ['ServerlessFactory', 'ReserveTime', 'Milliseconds', 'serverless_factory_reserve_time_milliseconds'],
    ['ServerlessFactory', 'PayloadSize', 'Bytes', 'serverless_factory_payload_size'],
    ['', 'HTTPRequests', 'Count', 'http_requests_total'],
  ])('%s/%s (%s) → %s', (namespace, metric, unit, expected) => {
    expect(prometheusName(namespace, metric, unit)).toBe(expected);
  });

  it('snake-cases names, digits and acronyms', () => {
    expect(snakeCase('ColdStart')).toBe('cold_start');
    expect(snakeCase('Status5xx')).toBe('status_5xx');
    expect(snakeCase('my.metric-name')).toBe('my_metric_name');
  });
});

describe('PrometheusRegistry', () => {
  it('exposes counters summed, latency as a histogram, one HELP and TYPE per metric, labelled service and stage', () => {
    const registry = new PrometheusRegistry({ stage: 'local' });
    for (const line of [
      ...emfLines('catalog', (metrics) => {
        metrics.recordRequest({ status: 200, latencyMs: 7, coldStart: true });
        metrics.recordRequest({ status: 503, latencyMs: 240, coldStart: false });
      }),
      ...emfLines('catalog', (metrics) =>
        metrics.recordRequest({ status: 201, latencyMs: 30, coldStart: false }),
      ),
      ...emfLines('orders', (metrics) => {
        metrics.recordRequest({ status: 409, latencyMs: 3000, coldStart: false });
        metrics.addBusinessMetric('OrdersPlaced', 2);
      }),
    ]) {
      registry.record('ignored-when-the-line-names-its-service', parseEmfLine(line) ?? []);
    }
    const text = registry.render();
    const lines = text.trimEnd().split('\n');

    expect(lines).toContain('serverless_factory_requests_total{service="catalog",stage="local"} 3');
    expect(lines).toContain('serverless_factory_requests_total{service="orders",stage="local"} 1');
    expect(lines).toContain('serverless_factory_status_5xx_total{service="catalog",stage="local"} 1');
    expect(lines).toContain('serverless_factory_status_4xx_total{service="orders",stage="local"} 1');
    expect(lines).toContain('serverless_factory_cold_start_total{service="catalog",stage="local"} 1');
    expect(lines).toContain('serverless_factory_orders_placed_total{service="orders",stage="local"} 2');
    expect(lines).toContain('serverless_factory_latency_ms_bucket{service="catalog",stage="local",le="5"} 0');
    expect(lines).toContain(
      'serverless_factory_latency_ms_bucket{service="catalog",stage="local",le="10"} 1',
    );
    expect(lines).toContain(
      'serverless_factory_latency_ms_bucket{service="catalog",stage="local",le="50"} 2',
    );
    expect(lines).toContain(
      'serverless_factory_latency_ms_bucket{service="catalog",stage="local",le="250"} 3',
    );
    expect(lines).toContain(
      'serverless_factory_latency_ms_bucket{service="catalog",stage="local",le="+Inf"} 3',
    );
    expect(lines).toContain('serverless_factory_latency_ms_sum{service="catalog",stage="local"} 277');
    expect(lines).toContain('serverless_factory_latency_ms_count{service="catalog",stage="local"} 3');
    expect(lines).toContain(
      'serverless_factory_latency_ms_bucket{service="orders",stage="local",le="2500"} 0',
    );

    const help = lines.filter((line) => line.startsWith('# HELP '));
    const type = lines.filter((line) => line.startsWith('# TYPE '));
    expect(help).toHaveLength(6);
    expect(type).toEqual([
      '# TYPE serverless_factory_cold_start_total counter',
      '# TYPE serverless_factory_latency_ms histogram',
      '# TYPE serverless_factory_orders_placed_total counter',
      '# TYPE serverless_factory_requests_total counter',
      '# TYPE serverless_factory_status_4xx_total counter',
      '# TYPE serverless_factory_status_5xx_total counter',
    ]);
    // Every sample line is `name{labels} value` in the text format.
    for (const line of lines.filter((entry) => !entry.startsWith('#'))) {
      expect(line).toMatch(/^[a-z_:][a-z0-9_:]*(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?[0-9.e+]+$/);
    }
  });

  it('labels a line without a service dimension with the service that printed it, and a missing stage with the stack stage', () => {
    const registry = new PrometheusRegistry({ stage: 'local' });
    registry.record('inventory', [
      { namespace: 'N', dimensions: {}, metrics: [{ name: 'Hits', unit: 'Count', values: [2, 3] }] },
    ]);
    expect(registry.render()).toBe(
      "# HELP n_hits_total Hits (EMF namespace N, unit Count) from the services' output\n" +
        '# TYPE n_hits_total counter\n' +
        'n_hits_total{service="inventory",stage="local"} 5\n',
    );
  });

  it('exposes other units as a summary, escapes label values, and renders nothing before the first metric', () => {
    const registry = new PrometheusRegistry({ stage: 'local' });
    expect(registry.render()).toBe('');
    registry.record('catalog', [
      {
        namespace: 'N',
        dimensions: { service: 'a"b\\c' },
        metrics: [{ name: 'Size', unit: 'Bytes', values: [10, 20] }],
      },
    ]);
    expect(registry.render()).toContain('# TYPE n_size summary\n');
    expect(registry.render()).toContain('n_size_sum{service="a\\"b\\\\c",stage="local"} 30\n');
    expect(registry.render()).toContain('n_size_count{service="a\\"b\\\\c",stage="local"} 2\n');
  });
});
