import { createLogger, runWithRequestContext } from '@platform/observability';
import { clockTime, colourEnabled, formatPinoLine, paint, parsePinoLine } from '../src/log-format';
import { createStackOutput, READY_LINE, readyLine } from '../src/stack-output';

/** Lines exactly as a service's handler writes them: the platform's pino logger. */
function loggedLines(log: (logger: ReturnType<typeof createLogger>) => void): string[] {
  const lines: string[] = [];
  const logger = createLogger({
    service: 'catalog',
    stage: 'local',
    destination: { write: (line: string) => lines.push(line.trim()) },
  });
  log(logger);
  return lines;
}

const ESC = '\u001b';

describe('parsePinoLine and formatPinoLine', () => {
  it('turns a platform log line into `time level msg key=value…`, without service and stage', () => {
    const [line] = loggedLines((logger) =>
      runWithRequestContext({ correlationId: 'corr-12345678' }, () =>
        logger.info({ method: 'GET', route: 'GET /catalog/health', status: 200, durationMs: 4 }, 'request'),
      ),
    );
    const parsed = parsePinoLine(line ?? '');
    expect(parsed).toBeDefined();
    const text = formatPinoLine(parsed ?? { level: 'info', time: undefined, msg: '', fields: {} }, false);
    expect(text).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}request correlationId=corr-12345678 method=GET route="GET \/catalog\/health" status=200 durationMs=4$/,
    );
    expect(text).not.toContain('service=');
    expect(text).not.toContain('stage=');
  });

  it('shows an error field as type and message, its stack below, indented', () => {
    class DependencyUnavailableError extends Error {
      override name = 'DependencyUnavailableError';
    }
    const error = new DependencyUnavailableError('table missing');
    const [line] = loggedLines((logger) => logger.warn({ err: error }, 'health check failed'));
    const text = formatPinoLine(
      parsePinoLine(line ?? '') ?? { level: '', time: 0, msg: '', fields: {} },
      false,
    );
    const [head, ...stack] = text.split('\n');
    expect(head).toMatch(/WARN {2}health check failed err="DependencyUnavailableError: table missing"$/);
    expect(stack.length).toBeGreaterThan(0);
    for (const frame of stack) expect(frame).toMatch(/^ {4}at /);
  });

  it('reads numeric pino levels and epoch times', () => {
    const parsed = parsePinoLine('{"level":50,"time":0,"msg":"boom","count":3,"ok":false,"list":[1,2]}');
    expect(parsed?.level).toBe('error');
    expect(formatPinoLine(parsed ?? { level: '', time: 0, msg: '', fields: {} }, false)).toBe(
      `${clockTime(0)} ERROR boom count=3 ok=false list=[1,2]`,
    );
  });

  it('colours the level when asked', () => {
    const parsed = parsePinoLine('{"level":"warn","time":"2026-01-01T00:00:00Z","msg":"slow"}');
    const text = formatPinoLine(parsed ?? { level: '', time: 0, msg: '', fields: {} }, true);
    expect(text).toContain(`${ESC}[33mWARN ${ESC}[0m`);
  });

  it.each([
    ['plain text', 'GET /catalog/health (λ: health)'],
    ['EMF', '{"_aws":{"CloudWatchMetrics":[]},"level":"info","msg":"x"}'],
    ['JSON without msg', '{"level":"info"}'],
    ['a JSON array', '[1,2]'],
    ['broken JSON', '{"level":'],
  ])('is not a pino line: %s', (_what, line) => {
    expect(parsePinoLine(line)).toBeUndefined();
  });
});

describe('colourEnabled', () => {
  it('colours a TTY unless NO_COLOR, and FORCE_COLOR decides when set', () => {
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourEnabled({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
  });

  it('paints only when enabled', () => {
    expect(paint('x', 31, false)).toBe('x');
    expect(paint('x', 31, true)).toBe(`${ESC}[31mx${ESC}[0m`);
  });
});

describe('createStackOutput', () => {
  const pinoLine =
    '{"level":"info","time":"2026-01-01T00:00:00.000Z","service":"catalog","stage":"local","msg":"request","status":200}';
  const emfLine = '{"_aws":{"Timestamp":1,"CloudWatchMetrics":[]},"service":"catalog","Requests":1}';

  function collect(
    json: boolean,
    colour = false,
  ): { lines: string[]; output: ReturnType<typeof createStackOutput> } {
    const lines: string[] = [];
    const output = createStackOutput({
      json,
      colour,
      names: ['dynamodb', 'catalog', 'inventory', 'orders'],
      write: (line) => lines.push(line),
      now: () => new Date('2026-01-01T00:00:00.000Z'),
    });
    return { lines, output };
  }

  it('pretty: aligned start-up lines, prefixed service lines, EMF left out, a URL table and one ready line', () => {
    const { lines, output } = collect(false);
    output.step('dynamodb', 'ready on http://127.0.0.1:8000 in 2.3 s');
    output.step('catalog', 'resolving serverless.yml');
    output.step('inventory', 'tables created: inventory-local');
    output.childLine('catalog', pinoLine, 'stdout');
    output.childLine('catalog', emfLine, 'stdout');
    output.childLine('orders', 'POST /orders (λ: placeOrder)', 'stdout');
    output.urls({ header: ['service', 'url'], rows: [['catalog', 'http://127.0.0.1:3000/catalog/']] });
    output.ready(12_345, 'http://127.0.0.1:3000');

    expect(lines[0]).toBe('dynamodb  ready on http://127.0.0.1:8000 in 2.3 s');
    expect(lines[1]).toBe('catalog   resolving serverless.yml');
    expect(lines[2]).toBe('inventory tables created: inventory-local');
    expect(lines[3]).toMatch(/^\[catalog\] \d\d:\d\d:\d\d\.000 INFO {2}request status=200$/);
    expect(lines[4]).toBe('[orders] POST /orders (λ: placeOrder)');
    expect(lines.slice(5)).toEqual([
      '',
      '  service  url',
      '  catalog  http://127.0.0.1:3000/catalog/',
      '',
      'ready in 12.3 s',
    ]);
    expect(lines.filter((line) => READY_LINE.test(line))).toEqual(['ready in 12.3 s']);
  });

  it('pretty on a TTY: each prefix in its own colour', () => {
    const { lines, output } = collect(false, true);
    output.childLine('catalog', 'a', 'stdout');
    output.childLine('inventory', 'b', 'stdout');
    const prefixes = lines.map((line) => line.slice(0, line.indexOf('m') + 1));
    expect(prefixes[0]).toMatch(new RegExp(`^${ESC}\\[\\d+m$`));
    expect(prefixes[0]).not.toBe(prefixes[1]);
    expect(lines[0]).toContain('[catalog]');
  });

  it('json: every line an object; JSON from a service (pino, EMF) passes unchanged, other text is wrapped', () => {
    const { lines, output } = collect(true);
    output.step('catalog', 'resolving serverless.yml');
    output.childLine('catalog', pinoLine, 'stdout');
    output.childLine('catalog', emfLine, 'stdout');
    output.childLine('orders', 'Warning: something', 'stderr');
    output.urls({ header: ['service', 'url'], rows: [['catalog', 'http://x/catalog/']] });
    output.ready(2_000, 'http://127.0.0.1:3000');
    output.notice('stopping', 'warn');

    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(lines[1]).toBe(pinoLine);
    expect(lines[2]).toBe(emfLine);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      level: 'info',
      time: '2026-01-01T00:00:00.000Z',
      service: 'local-stack',
      component: 'catalog',
      msg: 'resolving serverless.yml',
    });
    expect(JSON.parse(lines[3] ?? '')).toMatchObject({
      level: 'info',
      service: 'orders',
      source: 'stderr',
      msg: 'Warning: something',
    });
    expect(JSON.parse(lines[4] ?? '')).toMatchObject({
      msg: 'urls',
      urls: [{ service: 'catalog', url: 'http://x/catalog/' }],
    });
    expect(JSON.parse(lines[5] ?? '')).toMatchObject({
      msg: 'ready in 2.0 s',
      readyMs: 2000,
      gatewayUrl: 'http://127.0.0.1:3000',
    });
    expect(JSON.parse(lines[6] ?? '')).toMatchObject({ level: 'warn', msg: 'stopping' });
  });

  it('formats the ready line with one decimal', () => {
    expect(readyLine(950)).toBe('ready in 0.9 s');
    expect(readyLine(61_049)).toBe('ready in 61.0 s');
  });
});
