import { getLogger, runWithRequestContext } from '../src';
import { captureLogs, captureSharedLogger, captureStdout } from '../src/testing';

describe('captureLogs', () => {
  it('gives a real logger whose lines can be read back, parsed', () => {
    const { logger, lines } = captureLogs({ service: 'orders', stage: 'test' });
    runWithRequestContext({ correlationId: 'corr-1234-abcd' }, () =>
      logger.info({ password: 'hunter2' }, 'signed in'),
    );
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'orders',
        stage: 'test',
        correlationId: 'corr-1234-abcd',
        password: '[Redacted]',
        msg: 'signed in',
      }),
    ]);
  });

  it('captures every level unless told otherwise', () => {
    const all = captureLogs();
    all.logger.trace('t');
    const warnOnly = captureLogs({ level: 'warn' });
    warnOnly.logger.info('i');
    warnOnly.logger.warn('w');
    expect(all.lines().map((line) => line['msg'])).toEqual(['t']);
    expect(warnOnly.lines().map((line) => line['msg'])).toEqual(['w']);
  });

  it('forgets what was captured on clear()', () => {
    const { logger, lines, clear } = captureLogs();
    logger.info('before');
    clear();
    logger.info('after');
    expect(lines().map((line) => line['msg'])).toEqual(['after']);
  });
});

describe('captureSharedLogger', () => {
  it('makes getLogger() write to memory until restore()', () => {
    const original = getLogger();
    const logs = captureSharedLogger({ service: 'http' });
    try {
      expect(getLogger()).toBe(logs.logger);
      getLogger().info({ status: 200 }, 'request');
    } finally {
      logs.restore();
    }
    expect(getLogger()).toBe(original);
    expect(logs.lines()).toEqual([expect.objectContaining({ service: 'http', status: 200, msg: 'request' })]);
  });
});

describe('captureStdout', () => {
  it('captures what is written to process.stdout, as lines, JSON objects and EMF lines', () => {
    const stdout = captureStdout();
    try {
      process.stdout.write('plain text\n');
      process.stdout.write('{"level":"info","msg":"x"}\n');
      process.stdout.write(Buffer.from('{"_aws":{"Timestamp":1},"Requests":1}\n'));
      process.stdout.write('[1,2]\n');
      process.stdout.write('{"partial":');
    } finally {
      stdout.restore();
    }
    expect(stdout.lines()).toEqual([
      'plain text',
      '{"level":"info","msg":"x"}',
      '{"_aws":{"Timestamp":1},"Requests":1}',
      '[1,2]',
    ]);
    expect(stdout.json()).toEqual([
      { level: 'info', msg: 'x' },
      { _aws: { Timestamp: 1 }, Requests: 1 },
    ]);
    expect(stdout.emf()).toEqual([{ _aws: { Timestamp: 1 }, Requests: 1 }]);
  });

  it('calls the write callback, as process.stdout would', () => {
    const stdout = captureStdout();
    let called = 0;
    try {
      process.stdout.write('a\n', () => (called += 1));
      process.stdout.write('b\n', 'utf8', () => (called += 1));
    } finally {
      stdout.restore();
    }
    expect(called).toBe(2);
  });

  it('forgets what was captured on clear(), and stops capturing on restore()', () => {
    const original = process.stdout.write;
    const stdout = captureStdout();
    try {
      process.stdout.write('old\n');
      stdout.clear();
      process.stdout.write('new\n');
    } finally {
      stdout.restore();
    }
    expect(stdout.lines()).toEqual(['new']);
    expect(process.stdout.write).toBe(original);
  });
});
