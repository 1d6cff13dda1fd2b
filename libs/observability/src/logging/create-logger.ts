import pino, { type DestinationStream, type Logger } from 'pino';
import { getRequestContext } from '../context/request-context';
import { readEnvironment } from '../environment';
import { InvalidLogLevelError } from '../errors';
import { redactSecrets } from './redaction';

/**
 * How {@link createLogger} builds a logger. Every field is optional; the environment supplies the
 * rest.
 *
 * @example
 * const options: LoggerOptions = { service: 'orders', stage: 'dev', level: 'debug', base: { version: '1.4.0' } };
 * const logger = createLogger(options);
 */
export interface LoggerOptions {
  /** The `service` field of every line. Default: `SERVICE_NAME`, else `POWERTOOLS_SERVICE_NAME`, else `service_undefined`. */
  service?: string;
  /** The `stage` field of every line. Default: `STAGE`, else `stage_undefined`. */
  stage?: string;
  /** The lowest level written (`trace` … `fatal`, or `silent`). Default: `LOG_LEVEL`, else `info`. */
  level?: string;
  /** Where lines go. Default: stdout (file descriptor 1), written synchronously. */
  destination?: DestinationStream;
  /** More fields on every line, after `service` and `stage` (redacted like everything else). */
  base?: Record<string, unknown>;
}

const LEVEL_ALIASES: ReadonlyMap<string, string> = new Map([
  ['warning', 'warn'],
  ['critical', 'fatal'],
]);
const KNOWN_LEVELS = [...Object.keys(pino.levels.values), 'silent'];

/** The pino level for `level` (any case; `warning` and `critical` accepted), or an error naming `source`. */
function resolveLevel(level: string, source: string): string {
  const lowered = level.trim().toLowerCase();
  const resolved = LEVEL_ALIASES.get(lowered) ?? lowered;
  if (!KNOWN_LEVELS.includes(resolved)) {
    throw new InvalidLogLevelError(
      `${source} is "${level}", which is not a log level; use one of ${KNOWN_LEVELS.join(', ')}`,
    );
  }
  return resolved;
}

let stdoutDestination: DestinationStream | undefined;

/**
 * Standard output, written synchronously: a Lambda environment may be frozen right after the
 * handler returns, and a line still in a buffer then would be lost or arrive with the next request.
 */
function defaultDestination(): DestinationStream {
  stdoutDestination ??= pino.destination({ dest: 1, sync: true });
  return stdoutDestination;
}

/** Errors are already turned into plain objects by the redaction formatter; pino's own would redo it badly. */
function keepSerializedError(value: unknown): unknown {
  return value;
}

/**
 * Creates a pino logger that writes one JSON object per line:
 * `level` (a label: `"info"`), `time` (ISO 8601), `service`, `stage`, then — inside
 * {@link runWithRequestContext} — `function`, `coldStart`, `requestId`, `correlationId`, `traceId`,
 * then the line's own fields and `msg`. Secrets are redacted at any depth: the value of any field
 * named like `authorization`, `cookie`/`set-cookie`, `*token*`, `*secret*`, `password`, `apiKey`,
 * `privateKey` or `credentials` becomes `"[Redacted]"`; the key stays.
 *
 * @throws {InvalidLogLevelError} when the level (option or `LOG_LEVEL`) is not a pino level.
 *
 * @example
 * import { runWithRequestContext } from '@platform/observability';
 *
 * const logger = createLogger({ service: 'orders' });
 * runWithRequestContext({ correlationId: 'req-12345678' }, () => {
 *   logger.info({ headers: { authorization: 'Bearer eyJ…' } }, 'order placed');
 *   // {"level":"info","time":"2026-…Z","service":"orders","stage":"dev","correlationId":"req-12345678",
 *   //  "headers":{"authorization":"[Redacted]"},"msg":"order placed"}
 * });
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const environment = readEnvironment();
  const level =
    options.level === undefined
      ? resolveLevel(environment.logLevel, 'LOG_LEVEL')
      : resolveLevel(options.level, 'The logger level option');
  const fallbackFunctionName = environment.functionName;

  const logger = pino(
    {
      level,
      base: {
        service: options.service || environment.service,
        stage: options.stage || environment.stage,
        ...options.base,
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      serializers: { err: keepSerializedError, error: keepSerializedError },
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => redactSecrets(bindings),
        log: (fields) => redactSecrets(fields),
      },
      mixin: () => {
        const context = getRequestContext();
        if (context === undefined) return { function: fallbackFunctionName };
        return {
          function: context.functionName ?? fallbackFunctionName,
          coldStart: context.coldStart,
          requestId: context.requestId,
          correlationId: context.correlationId,
          traceId: context.traceId,
        };
      },
    },
    options.destination ?? defaultDestination(),
  );
  redactChildBindings(logger);
  return logger;
}

/**
 * pino runs `formatters.bindings` on the root logger's bindings only; children get theirs verbatim.
 * Redact them on the way in instead: children inherit these methods from the root.
 */
function redactChildBindings(logger: Logger): void {
  const createChild = logger.child;
  const setBindings = logger.setBindings;
  logger.child = function child(this: Logger, bindings, childOptions) {
    return createChild.call(this, redactSecrets(bindings), childOptions);
  } as Logger['child'];
  logger.setBindings = function redactedSetBindings(this: Logger, bindings) {
    setBindings.call(this, redactSecrets(bindings));
  };
}
