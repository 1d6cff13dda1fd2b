/** Base class of every error thrown by `@platform/local`: its message is meant for the developer as is. */
export class LocalStackError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalStackError';
  }
}

/** A command line was wrong (unknown option, missing or bad value): the CLIs exit 2 on it. */
export class UsageError extends LocalStackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** `--services` named a service the workspace does not have. */
export class UnknownServiceError extends UsageError {
  constructor(
    readonly unknown: readonly string[],
    readonly known: readonly string[],
  ) {
    super(
      `unknown service${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. ` +
        `Known services: ${known.length > 0 ? known.join(', ') : '(none)'}.`,
    );
    this.name = 'UnknownServiceError';
  }
}

/** The process holding a port, as far as /proc tells. */
export interface PortOwner {
  pid: number;
  command: string;
}

/** A port the stack must listen on is taken by another process. */
export class PortInUseError extends LocalStackError {
  constructor(
    readonly port: number,
    readonly purpose: string,
    readonly owner: PortOwner | undefined,
    hint: string,
    options?: { cause?: unknown },
  ) {
    super(
      `port ${port} (${purpose}) is already in use` +
        (owner
          ? ` by pid ${owner.pid}: ${owner.command}`
          : ' (the process holding it could not be found; it may belong to another user)') +
        (hint ? ` — ${hint}` : ''),
      options,
    );
    this.name = 'PortInUseError';
  }
}

/** A service could not be started: its configuration, its tables or its serverless-offline failed. */
export class ServiceStartError extends LocalStackError {
  constructor(
    readonly service: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${service}: ${message}`, options);
    this.name = 'ServiceStartError';
  }
}

/** A DynamoDB endpoint given with DYNAMODB_ENDPOINT does not answer. */
export class DynamoDbUnavailableError extends LocalStackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DynamoDbUnavailableError';
  }
}

/** A process of the running stack exited although nobody asked it to. */
export class ChildExitedError extends LocalStackError {
  constructor(
    readonly child: string,
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
    recentOutput: readonly string[],
  ) {
    super(
      `${child} exited unexpectedly (${signal ? `signal ${signal}` : `code ${String(code)}`})` +
        (recentOutput.length > 0 ? `. Its last output:\n${recentOutput.join('\n')}` : ''),
    );
    this.name = 'ChildExitedError';
  }
}

/** The running stack (the gateway) could not be reached, or answered something unexpected. */
export class GatewayUnreachableError extends LocalStackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GatewayUnreachableError';
  }
}

/** A started stack (the dev CLI run as a child process) did not become ready, or did not stop cleanly. */
export class StackProcessError extends LocalStackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StackProcessError';
  }
}

/**
 * The reason a serverless command gave for failing, in one line, from its output lines: the line
 * after osls's `Error:`, else esbuild's `✘ [ERROR] …` line; `undefined` when it gave none.
 *
 * @example
 * startFailureReason(['Error:', "Configuration error at root: unrecognized property 'x'"]); // "Configuration error at root: …"
 */
export function startFailureReason(output: readonly string[]): string | undefined {
  const lines = output.map((line) => line.trim());
  const marker = lines.findIndex((line) => line === 'Error:');
  const reason = marker >= 0 ? lines.slice(marker + 1).find((line) => line !== '') : undefined;
  return reason ?? lines.find((line) => line.startsWith('✘ [ERROR]'));
}
