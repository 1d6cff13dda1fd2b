import { InvalidMetricError, createMetrics, getMetrics, type MetricsOptions } from '../src';
import { powertoolsLogForwarder } from '../src/metrics/powertools-log-forwarder';
import { captureSharedLogger, captureStdout } from '../src/testing';
import { withEnvironment } from './with-environment';

interface EmfLine {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: Array<{
      Namespace: string;
      Dimensions: string[][];
      Metrics: Array<{ Name: string; Unit: string }>;
    }>;
  };
  [field: string]: unknown;
}

function memoryMetrics(options: Omit<MetricsOptions, 'destination'> = {}) {
  const written: string[] = [];
  const metrics = createMetrics({ ...options, destination: { write: (line) => void written.push(line) } });
  const lines = (): EmfLine[] => written.map((line) => JSON.parse(line) as EmfLine);
  return { metrics, written, lines };
}

const UNSET = {
  SERVICE_NAME: undefined,
  POWERTOOLS_SERVICE_NAME: undefined,
  STAGE: undefined,
  POWERTOOLS_METRICS_NAMESPACE: undefined,
  POWERTOOLS_METRICS_DISABLED: undefined,
};

describe('createMetrics', () => {
  it('writes one EMF line per publish, with the namespace and the service and stage dimensions', () => {
    const { metrics, written, lines } = memoryMetrics({ namespace: 'Shop', service: 'orders', stage: 'dev' });
    metrics.recordRequest({ status: 200, latencyMs: 12, coldStart: false });
    metrics.publish();

    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\{.*\}\n$/s);
    expect(written[0]?.split('\n')).toHaveLength(2);
    const [line] = lines();
    expect(line?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'Shop',
        Dimensions: [['service', 'stage']],
        Metrics: [
          { Name: 'Requests', Unit: 'Count' },
          { Name: 'Status4xx', Unit: 'Count' },
          { Name: 'Status5xx', Unit: 'Count' },
          { Name: 'LatencyMs', Unit: 'Milliseconds' },
          { Name: 'ColdStart', Unit: 'Count' },
        ],
      },
    ]);
    expect(line?._aws.Timestamp).toBeGreaterThan(Date.now() - 60_000);
    expect(line).toMatchObject({ service: 'orders', stage: 'dev' });
  });

  it.each([
    [200, false, { Requests: 1, Status4xx: 0, Status5xx: 0, ColdStart: 0 }],
    [201, true, { Requests: 1, Status4xx: 0, Status5xx: 0, ColdStart: 1 }],
    [404, false, { Requests: 1, Status4xx: 1, Status5xx: 0, ColdStart: 0 }],
    [429, false, { Requests: 1, Status4xx: 1, Status5xx: 0, ColdStart: 0 }],
    [500, false, { Requests: 1, Status4xx: 0, Status5xx: 1, ColdStart: 0 }],
    [503, true, { Requests: 1, Status4xx: 0, Status5xx: 1, ColdStart: 1 }],
  ])('counts a %i response (cold start: %s) as %j', (status, coldStart, counters) => {
    const { metrics, lines } = memoryMetrics();
    metrics.recordRequest({ status, latencyMs: 41.5, coldStart });
    metrics.publish();
    expect(lines()[0]).toMatchObject({ ...counters, LatencyMs: 41.5 });
  });

  it('keeps every request’s values when several are published together', () => {
    const { metrics, lines } = memoryMetrics();
    metrics.recordRequest({ status: 201, latencyMs: 30, coldStart: true });
    metrics.recordRequest({ status: 404, latencyMs: 4, coldStart: false });
    metrics.recordRequest({ status: 502, latencyMs: 900, coldStart: false });
    metrics.publish();
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatchObject({
      Requests: [1, 1, 1],
      Status4xx: [0, 1, 0],
      Status5xx: [0, 0, 1],
      LatencyMs: [30, 4, 900],
      ColdStart: [1, 0, 0],
    });
  });

  it('adds business metrics, by default a count of 1', () => {
    const { metrics, lines } = memoryMetrics({ service: 'orders', stage: 'dev' });
    metrics.addBusinessMetric('OrdersPlaced');
    metrics.addBusinessMetric('ReservationsRejected', 3);
    metrics.addBusinessMetric('PricingLatency', 18, 'Milliseconds');
    metrics.addBusinessMetric('PayloadSize', 2048, 'Bytes');
    metrics.addBusinessMetric('QueueDepth', 7, 'None');
    metrics.publish();
    const [line] = lines();
    expect(line).toMatchObject({
      OrdersPlaced: 1,
      ReservationsRejected: 3,
      PricingLatency: 18,
      PayloadSize: 2048,
    });
    expect(line?._aws.CloudWatchMetrics[0]?.Metrics).toEqual([
      { Name: 'OrdersPlaced', Unit: 'Count' },
      { Name: 'ReservationsRejected', Unit: 'Count' },
      { Name: 'PricingLatency', Unit: 'Milliseconds' },
      { Name: 'PayloadSize', Unit: 'Bytes' },
      { Name: 'QueueDepth', Unit: 'None' },
    ]);
    expect(line?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service', 'stage']]);
  });

  it('writes nothing when nothing was recorded, and nothing twice', () => {
    const { metrics, written } = memoryMetrics();
    metrics.publish();
    metrics.addBusinessMetric('OrdersPlaced');
    metrics.publish();
    metrics.publish();
    expect(written).toHaveLength(1);
  });

  it('writes a line by itself every 99 requests, never splitting one request across lines', () => {
    const { metrics, lines } = memoryMetrics();
    for (let request = 0; request < 250; request += 1) {
      metrics.recordRequest({ status: request % 10 === 0 ? 500 : 200, latencyMs: request, coldStart: false });
    }
    expect(lines()).toHaveLength(2);
    metrics.publish();
    const written = lines();
    expect(written).toHaveLength(3);
    for (const line of written) {
      const count = (line['Requests'] as number[]).length;
      for (const name of ['Status4xx', 'Status5xx', 'LatencyMs', 'ColdStart']) {
        expect(line[name]).toHaveLength(count);
      }
    }
    expect(written.map((line) => (line['Requests'] as number[]).length)).toEqual([99, 99, 52]);
    expect(written.flatMap((line) => line['LatencyMs'] as number[])).toEqual(
      Array.from({ length: 250 }, (_, i) => i),
    );
    expect(
      written.flatMap((line) => line['Status5xx'] as number[]).filter((value) => value === 1),
    ).toHaveLength(25);
  });

  it('flushes by itself when 100 values of a business metric pile up, losing none', () => {
    const { metrics, lines } = memoryMetrics();
    for (let order = 0; order < 130; order += 1) metrics.addBusinessMetric('OrdersPlaced', 1);
    expect(lines()).toHaveLength(1);
    metrics.publish();
    expect(lines().map((line) => (line['OrdersPlaced'] as number[]).length)).toEqual([100, 30]);
  });

  it('takes namespace, service and stage from POWERTOOLS_METRICS_NAMESPACE, SERVICE_NAME and STAGE', () => {
    const { metrics, lines } = withEnvironment(
      { ...UNSET, POWERTOOLS_METRICS_NAMESPACE: 'Acme', SERVICE_NAME: 'inventory', STAGE: 'prod' },
      () => memoryMetrics(),
    );
    metrics.addBusinessMetric('ReservationsRejected');
    metrics.publish();
    expect(lines()[0]).toMatchObject({ service: 'inventory', stage: 'prod' });
    expect(lines()[0]?._aws.CloudWatchMetrics[0]?.Namespace).toBe('Acme');
  });

  it('defaults the namespace to ServerlessFactory and takes the service from POWERTOOLS_SERVICE_NAME', () => {
    const { metrics, lines } = withEnvironment({ ...UNSET, POWERTOOLS_SERVICE_NAME: 'catalog' }, () =>
      memoryMetrics({ namespace: '', stage: '' }),
    );
    metrics.addBusinessMetric('ProductsChanged');
    metrics.publish();
    expect(lines()[0]).toMatchObject({ service: 'catalog', stage: 'stage_undefined' });
    expect(lines()[0]?._aws.CloudWatchMetrics[0]?.Namespace).toBe('ServerlessFactory');
  });

  it('writes EMF lines to standard output by default, also when POWERTOOLS_DEV is set', () => {
    const metrics = withEnvironment({ ...UNSET, POWERTOOLS_DEV: 'true' }, () =>
      createMetrics({ service: 'orders', stage: 'local' }),
    );
    const stdout = captureStdout();
    try {
      metrics.recordRequest({ status: 201, latencyMs: 5, coldStart: true });
      metrics.addBusinessMetric('OrdersPlaced');
      metrics.publish();
    } finally {
      stdout.restore();
    }
    expect(stdout.lines()).toHaveLength(1);
    expect(stdout.emf()).toEqual([
      expect.objectContaining({ service: 'orders', stage: 'local', Requests: 1, OrdersPlaced: 1 }),
    ]);
  });

  it('writes nothing when POWERTOOLS_METRICS_DISABLED is true, and forgets what was recorded', () => {
    const { metrics, written } = withEnvironment({ POWERTOOLS_METRICS_DISABLED: 'true' }, () =>
      memoryMetrics(),
    );
    metrics.addBusinessMetric('OrdersPlaced');
    metrics.publish();
    expect(written).toEqual([]);
  });

  it.each([
    [{ status: 99, latencyMs: 1, coldStart: false }, /status.*99/],
    [{ status: 600, latencyMs: 1, coldStart: false }, /status.*600/],
    [{ status: 200.5, latencyMs: 1, coldStart: false }, /status/],
    [{ status: 200, latencyMs: -1, coldStart: false }, /latency.*-1/],
    [{ status: 200, latencyMs: Number.NaN, coldStart: false }, /latency.*NaN/],
  ])('refuses the request record %j', (outcome, message) => {
    const { metrics } = memoryMetrics();
    expect(() => metrics.recordRequest(outcome)).toThrow(InvalidMetricError);
    expect(() => metrics.recordRequest(outcome)).toThrow(message);
  });

  it.each([
    ['an empty name', '', 1, 'Count', /refused.*between 1 and 255/],
    ['a name over 255 characters', 'M'.repeat(256), 1, 'Count', /refused/],
    ['the service dimension’s name', 'service', 1, 'Count', /reserved/],
    ['a request metric’s name', 'Requests', 1, 'Count', /reserved/],
    ['the EMF envelope’s name', '_aws', 1, 'Count', /reserved/],
    ['an infinite value', 'OrdersPlaced', Number.POSITIVE_INFINITY, 'Count', /finite/],
    ['an unknown unit', 'OrdersPlaced', 1, 'Furlongs', /unit Furlongs/],
    ['an inherited property as unit', 'OrdersPlaced', 1, 'toString', /unit toString/],
  ])('refuses a business metric with %s', (_label, name, value, unit, message) => {
    const { metrics } = memoryMetrics();
    const add = (): void => metrics.addBusinessMetric(name, value, unit as 'Count');
    expect(add).toThrow(InvalidMetricError);
    expect(add).toThrow(message);
  });

  it('passes the cause on when Powertools refuses a metric', () => {
    const { metrics } = memoryMetrics();
    let thrown: unknown;
    try {
      metrics.addBusinessMetric('');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidMetricError);
    expect((thrown as InvalidMetricError).name).toBe('InvalidMetricError');
    expect((thrown as InvalidMetricError).cause).toBeInstanceOf(RangeError);
  });
});

describe('getMetrics', () => {
  it('returns one shared instance', () => {
    expect(getMetrics()).toBe(getMetrics());
  });
});

describe('what Powertools Metrics says about itself', () => {
  it('goes to the shared logger as JSON lines of the same level', () => {
    const logs = captureSharedLogger();
    try {
      powertoolsLogForwarder.debug('debugging', 1);
      powertoolsLogForwarder.info('informing');
      powertoolsLogForwarder.warn('Dimension "stage" has already been added.');
      powertoolsLogForwarder.error('broken');
    } finally {
      logs.restore();
    }
    expect(logs.lines().map(({ level, msg }) => ({ level, msg }))).toEqual([
      { level: 'debug', msg: 'debugging 1' },
      { level: 'info', msg: 'informing' },
      { level: 'warn', msg: 'Dimension "stage" has already been added.' },
      { level: 'error', msg: 'broken' },
    ]);
  });
});
