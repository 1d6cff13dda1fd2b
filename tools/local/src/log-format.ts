/** ANSI colours the service prefixes cycle through (no red: red means error). */
const PREFIX_COLOURS = [36, 35, 33, 32, 34, 96, 95, 93, 92, 94] as const;
const RESET = '\u001b[0m';
const DIM = 2;

/** pino's numeric levels, for lines written by a pino without label formatting. */
const NUMERIC_LEVELS: ReadonlyMap<number, string> = new Map([
  [10, 'trace'],
  [20, 'debug'],
  [30, 'info'],
  [40, 'warn'],
  [50, 'error'],
  [60, 'fatal'],
]);

const LEVEL_COLOURS: Readonly<Record<string, number>> = {
  trace: 90,
  debug: 90,
  info: 32,
  warn: 33,
  error: 31,
  fatal: 41,
};

/** Fields the prefix already says, or that the line's head shows. */
const HEAD_FIELDS = new Set(['level', 'time', 'msg', 'service', 'stage']);

/** A pino log line, as far as the formatter needs it. */
export interface PinoLine {
  level: string;
  time: string | number | undefined;
  msg: string;
  fields: Record<string, unknown>;
}

/** Wraps `text` in an ANSI colour when `enabled`. */
export function paint(text: string, code: number, enabled: boolean): string {
  return enabled ? `\u001b[${code}m${text}${RESET}` : text;
}

/** The colour of the n-th service's prefix. */
export function prefixColour(index: number): number {
  return PREFIX_COLOURS[index % PREFIX_COLOURS.length] ?? 36;
}

/**
 * Whether output to `stream` should be coloured: a TTY, unless `NO_COLOR` is set; `FORCE_COLOR`
 * (anything but `0`) forces it on.
 */
export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const forced = env['FORCE_COLOR'];
  if (forced !== undefined && forced !== '') return forced !== '0';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return stream.isTTY === true;
}

/**
 * Reads a line as a pino log line: a JSON object with a `level` (label or number) and a `msg`.
 * `undefined` for anything else (plain text, EMF, other JSON).
 */
export function parsePinoLine(line: string): PinoLine | undefined {
  if (!line.trimStart().startsWith('{')) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  const fields = document as Record<string, unknown>;
  const rawLevel = fields['level'];
  const level =
    typeof rawLevel === 'string'
      ? rawLevel
      : typeof rawLevel === 'number'
        ? NUMERIC_LEVELS.get(rawLevel)
        : undefined;
  if (level === undefined || typeof fields['msg'] !== 'string' || '_aws' in fields) return undefined;
  const time = fields['time'];
  return {
    level: level.toLowerCase(),
    time: typeof time === 'string' || typeof time === 'number' ? time : undefined,
    msg: fields['msg'],
    fields,
  };
}

/** `HH:MM:SS.mmm` of an ISO time or epoch milliseconds, in the local time zone; `?` when unreadable. */
export function clockTime(time: string | number | undefined): string {
  if (time === undefined) return '--:--:--.---';
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return String(time);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(
    date.getMilliseconds(),
  ).padStart(3, '0')}`;
}

function isErrorLike(
  value: unknown,
): value is { message: string; stack?: unknown; type?: unknown; name?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string' &&
    typeof (value as { stack?: unknown }).stack === 'string'
  );
}

/** `key=value`: plain when the value has no space, quote or `=`, else JSON; objects as JSON. */
function formatField(key: string, value: unknown): string {
  if (typeof value === 'string') {
    return /^[^\s"=]+$/.test(value) ? `${key}=${value}` : `${key}=${JSON.stringify(value)}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return `${key}=${String(value)}`;
  return `${key}=${JSON.stringify(value)}`;
}

/**
 * A pino line made readable: `time level msg key=value…`, the level padded and coloured, `service`
 * and `stage` left out (the prefix says them), and for an error field its type and message inline
 * and its stack on the following lines, indented.
 *
 * @example
 * formatPinoLine(parsePinoLine('{"level":"info","time":"2026-01-01T10:00:00.000Z","msg":"request","status":200}')!, false);
 * // '10:00:00.000 INFO  request status=200'   (in UTC+0)
 */
export function formatPinoLine(line: PinoLine, colour: boolean): string {
  const level = paint(line.level.toUpperCase().padEnd(5), LEVEL_COLOURS[line.level] ?? 37, colour);
  const parts = [paint(clockTime(line.time), DIM, colour), level, line.msg];
  const stacks: string[] = [];
  for (const [key, value] of Object.entries(line.fields)) {
    if (HEAD_FIELDS.has(key) || value === undefined) continue;
    if (isErrorLike(value)) {
      const type =
        typeof value.type === 'string' ? value.type : typeof value.name === 'string' ? value.name : 'Error';
      parts.push(formatField(key, `${type}: ${value.message}`));
      const stack = String(value.stack)
        .split('\n')
        .slice(1)
        .map((frame) => `    ${frame.trim()}`);
      stacks.push(...stack);
      continue;
    }
    parts.push(formatField(key, value));
  }
  const head = parts.join(' ');
  return stacks.length > 0 ? [head, ...stacks.map((frame) => paint(frame, DIM, colour))].join('\n') : head;
}
