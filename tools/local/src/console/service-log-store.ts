/** One line a service printed, as the console shows it. */
export interface ServiceLogLine {
  service: string;
  /** Epoch milliseconds: the line's own `time` when it has one, else when the stack read it. */
  time: number;
  line: string;
  correlationId: string | undefined;
  level: string | undefined;
  msg: string | undefined;
  /** A `durationMs` the line reports (a request's or an invocation's, logged when it ends). */
  durationMs: number | undefined;
}

const NUMERIC_LEVELS: Readonly<Record<number, string>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** The JSON fields the console reads of a log line (pino's `time`, `level`, `msg`, the correlation id). */
function fieldsOf(line: string): Record<string, unknown> | undefined {
  if (!line.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads one line of a service: its time, level, message and correlation id when it is JSON (pino),
 * the line as it is otherwise.
 *
 * @example
 * readServiceLine('orders', '{"level":"info","time":1000,"msg":"done","correlationId":"c-12345678"}', 5).correlationId; // 'c-12345678'
 */
export function readServiceLine(service: string, line: string, receivedAt: number): ServiceLogLine {
  const fields = fieldsOf(line);
  const rawTime = fields?.['time'];
  const parsedTime =
    typeof rawTime === 'number' ? rawTime : typeof rawTime === 'string' ? Date.parse(rawTime) : Number.NaN;
  const cid = fields?.['correlationId'] ?? fields?.['correlation_id'];
  const rawLevel = fields?.['level'];
  return {
    service,
    time: Number.isFinite(parsedTime) ? parsedTime : receivedAt,
    line,
    correlationId: typeof cid === 'string' && cid !== '' ? cid : undefined,
    level:
      typeof rawLevel === 'string'
        ? rawLevel
        : typeof rawLevel === 'number'
          ? NUMERIC_LEVELS[rawLevel]
          : undefined,
    msg: typeof fields?.['msg'] === 'string' ? fields['msg'] : undefined,
    durationMs: typeof fields?.['durationMs'] === 'number' ? fields['durationMs'] : undefined,
  };
}

/**
 * The services' last log lines, kept in memory: the last `perService` lines of each service, and
 * the lines of the last `correlationIds` correlation ids (at most `perCorrelationId` each), so
 * that a request's trace can show every service's lines of it.
 *
 * @example
 * const store = new ServiceLogStore();
 * store.add('catalog', '{"level":"info","msg":"request completed","correlationId":"c-12345678"}');
 * store.linesOf('catalog').length; // 1
 * store.linesFor('c-12345678')[0]?.service; // 'catalog'
 */
export class ServiceLogStore {
  private readonly byService = new Map<string, ServiceLogLine[]>();
  private readonly byCorrelationId = new Map<string, ServiceLogLine[]>();

  constructor(
    private readonly limits: { perService: number; correlationIds: number; perCorrelationId: number } = {
      perService: 500,
      correlationIds: 1000,
      perCorrelationId: 200,
    },
  ) {}

  add(service: string, line: string, receivedAt = Date.now()): void {
    const entry = readServiceLine(service, line, receivedAt);
    const lines = this.byService.get(service) ?? [];
    lines.push(entry);
    if (lines.length > this.limits.perService) lines.shift();
    this.byService.set(service, lines);
    const cid = entry.correlationId;
    if (cid === undefined) return;
    let traced = this.byCorrelationId.get(cid);
    if (!traced) {
      traced = [];
      this.byCorrelationId.set(cid, traced);
      if (this.byCorrelationId.size > this.limits.correlationIds) {
        const oldest = this.byCorrelationId.keys().next().value;
        if (oldest !== undefined) this.byCorrelationId.delete(oldest);
      }
    }
    if (traced.length < this.limits.perCorrelationId) traced.push(entry);
  }

  /** The last lines of one service, oldest first (at most `limit`). */
  linesOf(service: string, limit = this.limits.perService): ServiceLogLine[] {
    return (this.byService.get(service) ?? []).slice(-limit);
  }

  /** Every kept line of one correlation id, all services, in time order. */
  linesFor(correlationId: string): ServiceLogLine[] {
    return [...(this.byCorrelationId.get(correlationId) ?? [])].sort((a, b) => a.time - b.time);
  }
}
