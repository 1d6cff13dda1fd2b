import { looksLikeEmf } from './emf-record';
import { colourEnabled, formatPinoLine, paint, parsePinoLine, prefixColour } from './log-format';

/** The table printed once the stack is ready: a header and rows of cells. */
interface UrlTable {
  header: string[];
  rows: string[][];
}

/** Where a line printed by a child came from. */
type OutputStream = 'stdout' | 'stderr';

/** Everything the local stack prints, in pretty (default) or JSON form. */
export interface StackOutput {
  /** A start-up line of one part of the stack: `catalog   resolving serverless.yml`. */
  step(component: string, message: string): void;
  /** One line a child (a service, DynamoDB Local) printed, once the stack shows child output. */
  childLine(child: string, line: string, stream: OutputStream): void;
  /** The table of URLs. */
  urls(table: UrlTable): void;
  /** The one `ready in N.N s` line. */
  ready(elapsedMs: number, gatewayUrl: string): void;
  /** A line about the stack itself (stopping, a child that exited). */
  notice(message: string, level?: 'info' | 'warn' | 'error'): void;
}

/** Options of {@link createStackOutput}. */
export interface StackOutputOptions {
  /** JSON lines instead of the pretty form. */
  json: boolean;
  /** ANSI colours (pretty form only). */
  colour: boolean;
  /** The names that get a prefix colour, in order (DynamoDB, then the services). */
  names: readonly string[];
  /** Receives each complete line, without its newline. */
  write(line: string): void;
  /** The clock, for JSON lines' `time`. */
  now?: () => Date;
}

/**
 * Milliseconds as the stack's lines say them: `12.3 s`.
 *
 * @example
 * seconds(12_345); // '12.3 s'
 */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** `ready in 12.3 s`: the line scripts and tests wait for. */
export function readyLine(elapsedMs: number): string {
  return `ready in ${seconds(elapsedMs)}`;
}

/** The pattern of {@link readyLine}. */
export const READY_LINE = /^ready in \d+\.\d s$/;

function formatTable(table: UrlTable): string[] {
  const widths = table.header.map((cell, column) =>
    Math.max(cell.length, ...table.rows.map((row) => (row[column] ?? '').length)),
  );
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [render(table.header), ...table.rows.map(render)];
}

/**
 * The stack's output. Pretty: start-up lines as `<name padded> <message>`, each child's lines
 * prefixed `[name] ` (coloured on a TTY), pino JSON lines turned into `time level msg key=value…`,
 * EMF metric lines left out (the gateway's `/metrics` has them). JSON: one object per line; a
 * child's JSON lines (pino, EMF) pass unchanged, its other lines are wrapped.
 *
 * @example
 * const output = createStackOutput({ json: false, colour: false, names: ['catalog'], write: console.log });
 * output.step('catalog', 'resolving serverless.yml'); // 'catalog   resolving serverless.yml'
 */
export function createStackOutput(options: StackOutputOptions): StackOutput {
  const now = options.now ?? (() => new Date());
  const width = Math.max(10, ...options.names.map((name) => name.length + 1));
  const colours = new Map(options.names.map((name, index) => [name, prefixColour(index)]));
  const colourOf = (name: string): number => colours.get(name) ?? 37;
  const json = (fields: Record<string, unknown>): void =>
    options.write(
      JSON.stringify({ level: 'info', time: now().toISOString(), service: 'local-stack', ...fields }),
    );

  if (options.json) {
    return {
      step: (component, message) => json({ component, msg: message }),
      childLine(child, line, stream) {
        const trimmed = line.trim();
        if (trimmed.startsWith('{')) {
          try {
            JSON.parse(trimmed);
            options.write(trimmed);
            return;
          } catch {
            // not JSON after all: wrapped below
          }
        }
        json({ service: child, source: stream, msg: line });
      },
      urls: (table) =>
        json({
          msg: 'urls',
          urls: table.rows.map((row) =>
            Object.fromEntries(table.header.map((name, i) => [name, row[i] ?? ''])),
          ),
        }),
      ready: (elapsedMs, gatewayUrl) =>
        json({ msg: readyLine(elapsedMs), readyMs: Math.round(elapsedMs), gatewayUrl }),
      notice: (message, level = 'info') => json({ level, msg: message }),
    };
  }

  const colour = options.colour;
  return {
    step(component, message) {
      options.write(`${paint(component.padEnd(width), colourOf(component), colour)}${message}`);
    },
    childLine(child, line, _stream) {
      if (looksLikeEmf(line)) return;
      const prefix = paint(`[${child}]`, colourOf(child), colour);
      const pino = parsePinoLine(line);
      const text = pino ? formatPinoLine(pino, colour) : line;
      for (const part of text.split('\n')) options.write(`${prefix} ${part}`);
    },
    urls(table) {
      options.write('');
      for (const line of formatTable(table)) options.write(`  ${line}`);
      options.write('');
    },
    ready: (elapsedMs) => options.write(readyLine(elapsedMs)),
    notice(message, level = 'info') {
      const code = level === 'error' ? 31 : level === 'warn' ? 33 : 0;
      options.write(code === 0 ? message : paint(message, code, colour));
    },
  };
}

/** A {@link StackOutput} on this process's stdout, coloured when it is a TTY. */
export function stdoutStackOutput(json: boolean, names: readonly string[]): StackOutput {
  return createStackOutput({
    json,
    colour: colourEnabled(process.stdout),
    names,
    write: (line) => process.stdout.write(`${line}\n`),
  });
}
