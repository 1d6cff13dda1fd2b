import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { InvalidLogLevelError, createLogger, getLogger, runWithRequestContext } from '../src';
import { memoryDestination } from './memory-destination';
import { withEnvironment } from './with-environment';

const UNSET = {
  SERVICE_NAME: undefined,
  POWERTOOLS_SERVICE_NAME: undefined,
  STAGE: undefined,
  LOG_LEVEL: undefined,
  AWS_LAMBDA_FUNCTION_NAME: undefined,
};

const requestContext = {
  correlationId: 'corr-1234-abcd',
  requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  functionName: 'orders-dev-placeOrder',
  coldStart: true,
  traceId: '1-5759e988-bd862e3fe1be46a994272793',
};

describe('createLogger', () => {
  it('writes one JSON line with level, time, service, stage, function, coldStart, requestId, correlationId, traceId, msg', () => {
    const destination = memoryDestination();
    const logger = createLogger({ service: 'orders', stage: 'dev', destination });

    runWithRequestContext(requestContext, () => logger.info('order placed'));

    expect(destination.text().endsWith('}\n')).toBe(true);
    expect(destination.text().split('\n')).toHaveLength(2);
    const [line] = destination.lines();
    expect(Object.keys(line ?? {})).toEqual([
      'level',
      'time',
      'service',
      'stage',
      'function',
      'coldStart',
      'requestId',
      'correlationId',
      'traceId',
      'msg',
    ]);
    expect(line).toEqual({
      level: 'info',
      time: expect.any(String),
      service: 'orders',
      stage: 'dev',
      function: 'orders-dev-placeOrder',
      coldStart: true,
      requestId: requestContext.requestId,
      correlationId: requestContext.correlationId,
      traceId: requestContext.traceId,
      msg: 'order placed',
    });
  });

  it('writes time as ISO 8601 (UTC) and level as a label', () => {
    const destination = memoryDestination();
    const before = Date.now();
    createLogger({ destination }).warn('careful');
    const [line] = destination.lines();
    expect(line?.['level']).toBe('warn');
    expect(line?.['time']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(String(line?.['time']))).toBeGreaterThanOrEqual(before - 1);
  });

  it('puts the line’s own fields after the context fields, before msg', () => {
    const destination = memoryDestination();
    const logger = createLogger({ service: 'orders', stage: 'dev', destination });
    runWithRequestContext(requestContext, () => logger.info({ sku: 'ABC-1', qty: 2 }, 'reserved'));
    const keys = Object.keys(destination.lines()[0] ?? {});
    expect(keys.slice(-3)).toEqual(['sku', 'qty', 'msg']);
  });

  it('writes no request fields outside a request', () => {
    const destination = memoryDestination();
    withEnvironment(UNSET, () =>
      createLogger({ service: 'orders', stage: 'dev', destination }).info('starting'),
    );
    expect(Object.keys(destination.lines()[0] ?? {})).toEqual(['level', 'time', 'service', 'stage', 'msg']);
  });

  it('writes function from AWS_LAMBDA_FUNCTION_NAME when the context has none', () => {
    const destination = memoryDestination();
    const logger = withEnvironment({ AWS_LAMBDA_FUNCTION_NAME: 'orders-dev-getOrder' }, () =>
      createLogger({ destination }),
    );
    logger.info('init');
    runWithRequestContext({ correlationId: 'corr-1234-abcd' }, () => logger.info('request'));
    expect(destination.lines().map((line) => line['function'])).toEqual([
      'orders-dev-getOrder',
      'orders-dev-getOrder',
    ]);
  });

  it('takes service and stage from SERVICE_NAME and STAGE', () => {
    const destination = memoryDestination();
    withEnvironment({ ...UNSET, SERVICE_NAME: 'inventory', STAGE: 'prod' }, () =>
      createLogger({ destination }).info('x'),
    );
    expect(destination.lines()[0]).toMatchObject({ service: 'inventory', stage: 'prod' });
  });

  it('falls back to POWERTOOLS_SERVICE_NAME, then to placeholders, for service and stage', () => {
    const destination = memoryDestination();
    withEnvironment({ ...UNSET, POWERTOOLS_SERVICE_NAME: 'catalog' }, () =>
      createLogger({ destination }).info('x'),
    );
    withEnvironment(UNSET, () => createLogger({ destination }).info('y'));
    expect(destination.lines().map(({ service, stage }) => ({ service, stage }))).toEqual([
      { service: 'catalog', stage: 'stage_undefined' },
      { service: 'service_undefined', stage: 'stage_undefined' },
    ]);
  });

  it('adds base fields to every line', () => {
    const destination = memoryDestination();
    createLogger({ service: 'orders', stage: 'dev', base: { version: '1.4.0' }, destination }).info('x');
    expect(destination.lines()[0]).toMatchObject({ service: 'orders', stage: 'dev', version: '1.4.0' });
  });

  it.each([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['WARN', ['warn', 'error']],
    ['warning', ['warn', 'error']],
    ['error', ['error']],
    ['silent', []],
  ])('with LOG_LEVEL=%s writes only %j', (level, written) => {
    const destination = memoryDestination();
    const logger = withEnvironment({ LOG_LEVEL: level }, () => createLogger({ destination }));
    logger.trace('t');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(destination.lines().map((line) => line['level'])).toEqual(written);
  });

  it('writes info and above when LOG_LEVEL is not set', () => {
    const destination = memoryDestination();
    const logger = withEnvironment({ LOG_LEVEL: undefined }, () => createLogger({ destination }));
    logger.debug('d');
    logger.info('i');
    expect(destination.lines().map((line) => line['msg'])).toEqual(['i']);
  });

  it('prefers the level option to LOG_LEVEL', () => {
    const destination = memoryDestination();
    const logger = withEnvironment({ LOG_LEVEL: 'error' }, () =>
      createLogger({ level: 'debug', destination }),
    );
    logger.debug('d');
    expect(destination.lines()).toHaveLength(1);
  });

  it('refuses a LOG_LEVEL that is not a level, naming the variable', () => {
    withEnvironment({ LOG_LEVEL: 'loud' }, () => {
      expect(() => createLogger()).toThrow(InvalidLogLevelError);
      expect(() => createLogger()).toThrow(
        /LOG_LEVEL is "loud".*trace, debug, info, warn, error, fatal, silent/,
      );
    });
    expect(() => createLogger({ level: 'constructor' })).toThrow(/level option/);
  });

  it('lets a field given on the line override the context’s', () => {
    const destination = memoryDestination();
    const logger = createLogger({ destination });
    runWithRequestContext(requestContext, () => logger.info({ correlationId: 'downstream-1234' }, 'x'));
    expect(destination.lines()[0]?.['correlationId']).toBe('downstream-1234');
  });

  it('gives child loggers the same context fields', () => {
    const destination = memoryDestination();
    const child = createLogger({ destination }).child({ component: 'reserve' });
    runWithRequestContext(requestContext, () => child.info('x'));
    expect(destination.lines()[0]).toMatchObject({
      component: 'reserve',
      correlationId: requestContext.correlationId,
      requestId: requestContext.requestId,
    });
  });

  it('writes an error as type, message with causes and stack', () => {
    const destination = memoryDestination();
    const logger = createLogger({ destination });
    const error = new TypeError('cannot price', { cause: new Error('catalog down') });
    logger.error(error);
    logger.error({ err: error }, 'pricing failed');
    const [first, second] = destination.lines();
    expect(first).toMatchObject({
      msg: 'cannot price',
      err: {
        type: 'TypeError',
        message: 'cannot price: catalog down',
        stack: expect.stringContaining('TypeError'),
      },
    });
    expect(second).toMatchObject({ msg: 'pricing failed', err: { type: 'TypeError' } });
  });

  it('writes to standard output by default', () => {
    const script = [
      "const { createLogger } = require('./libs/observability/src');",
      "createLogger({ service: 'orders', stage: 'dev' }).info('to stdout');",
    ].join('\n');
    const workspaceRoot = resolve(__dirname, '../../..');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--eval', script], {
      cwd: workspaceRoot,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toMatchObject({ level: 'info', service: 'orders', msg: 'to stdout' });
  });
});

describe('getLogger', () => {
  it('returns one shared logger', () => {
    expect(getLogger()).toBe(getLogger());
  });
});
