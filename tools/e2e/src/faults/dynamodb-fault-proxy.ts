import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { E2eError } from '../errors';

/** What a rule does to a request it applies to. */
type FaultAction =
  /** Answers DynamoDB's throttling error (HTTP 400, the service's JSON error shape); nothing is forwarded. */
  | { kind: 'throttle'; error?: 'ThrottlingException' | 'ProvisionedThroughputExceededException' }
  /** Answers DynamoDB's `InternalServerError` (HTTP 500); nothing is forwarded. */
  | { kind: 'internal-error' }
  /**
   * Waits `ms`, then forwards. If the caller went away meanwhile (its process killed, its client
   * timed out) nothing is forwarded, unless `forwardIfCallerGone`: a request already on its way
   * that DynamoDB still executes, late.
   */
  | { kind: 'delay'; ms: number; forwardIfCallerGone?: boolean }
  /** Forwards at once (the write commits), then holds DynamoDB's answer for `ms`: the caller times out. */
  | { kind: 'hold-response'; ms: number }
  /** Forwards at once (the write commits), then destroys the caller's connection instead of answering. */
  | { kind: 'drop-connection' };

/** One DynamoDB request as the proxy sees it. */
interface DynamoDbRequest {
  /** The operation, from `X-Amz-Target` (`DynamoDB_20120810.PutItem` → `PutItem`). */
  operation: string;
  /** Every table the request names (`TableName`, `TransactItems[*].*.TableName`, `RequestItems` keys). */
  tables: string[];
  /** The JSON body (DynamoDB's attribute-value shape), `undefined` if it is not JSON. */
  body: unknown;
}

/** Which requests a rule applies to, how often, and what it does. */
interface FaultRule {
  /** Operations matched (`TransactWriteItems` or `DynamoDB_20120810.TransactWriteItems`); any when unset. */
  operation?: string | readonly string[];
  /** Matches a request that names any of these tables; any when unset. */
  table?: string | readonly string[];
  /** A further condition on the request. */
  where?: (request: DynamoDbRequest) => boolean;
  /** Lets the first `skip` matching requests through untouched (default 0). */
  skip?: number;
  /** Applies at most this many times, then lets matching requests through (default: no limit). */
  times?: number;
  /** The chance (0..1) that a matching request after `skip` is faulted (default 1). */
  probability?: number;
  action: FaultAction;
}

/** A rule installed on the proxy. */
interface InstalledRule {
  /** Requests that matched (skipped ones included). */
  matched(): number;
  /** Requests the action was applied to. */
  applied(): number;
  /** Resolves once the action was applied `count` times (default 1); rejects after `timeoutMs`. */
  whenApplied(count?: number, timeoutMs?: number): Promise<void>;
  /** Uninstalls the rule: later requests are not matched by it. */
  remove(): void;
}

/** One request the proxy handled, in arrival order. */
interface ProxiedRequest {
  operation: string;
  tables: string[];
  /** The action applied, `undefined` when the request was forwarded untouched. */
  fault: FaultAction['kind'] | undefined;
  /** Milliseconds since the proxy started. */
  atMs: number;
}

/** A running fault proxy. */
export interface DynamoDbFaultProxy {
  /** `http://127.0.0.1:<port>`: give it to the services as `DYNAMODB_ENDPOINT`. */
  readonly url: string;
  readonly port: number;
  /** Installs a rule; rules are tried in the order they were added, the first that applies wins. */
  addRule(rule: FaultRule): InstalledRule;
  /** Uninstalls every rule. */
  clearRules(): void;
  /** Every request handled so far. */
  requests(): readonly ProxiedRequest[];
  /** Stops listening, drops held answers and open connections. */
  close(): Promise<void>;
}

/** Options of {@link startDynamoDbFaultProxy}. */
export interface FaultProxyOptions {
  /** DynamoDB's endpoint (`http://127.0.0.1:<port>` of DynamoDB Local). */
  target: string;
  /** The port on 127.0.0.1 (default: a free one). */
  port?: number;
  /** Random numbers in [0, 1) for `probability` (default `Math.random`). */
  random?: () => number;
}

/** A rule's action could not be waited for, or the proxy could not start. */
class FaultProxyError extends E2eError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FaultProxyError';
  }
}

const TARGET_PREFIX = 'DynamoDB_20120810.';
const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';
/** Hop-by-hop headers (RFC 9110 §7.6.1) and the ones the forwarding client sets itself. */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'host',
  'content-length',
]);

const ERROR_MESSAGES: Record<string, string> = {
  ThrottlingException: 'Rate of requests exceeds the allowed throughput.',
  ProvisionedThroughputExceededException:
    'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  InternalServerError: 'Internal server error',
};

function asList(value: string | readonly string[] | undefined): readonly string[] | undefined {
  return value === undefined ? undefined : typeof value === 'string' ? [value] : value;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Every table a DynamoDB JSON request names. */
export function tablesOf(body: unknown): string[] {
  const tables = new Set<string>();
  const top = record(body);
  if (typeof top['TableName'] === 'string') tables.add(top['TableName']);
  const items = top['TransactItems'];
  if (Array.isArray(items)) {
    for (const item of items) {
      for (const part of Object.values(record(item))) {
        const name = record(part)['TableName'];
        if (typeof name === 'string') tables.add(name);
      }
    }
  }
  for (const name of Object.keys(record(top['RequestItems']))) tables.add(name);
  return [...tables];
}

function errorAnswer(response: ServerResponse, status: number, type: string): void {
  const body = JSON.stringify({
    __type: `com.amazonaws.dynamodb.v20120810#${type}`,
    message: ERROR_MESSAGES[type] ?? type,
  });
  response.writeHead(status, {
    'content-type': JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': `fault-${Date.now().toString(36)}`,
  });
  response.end(body);
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => resolveBody(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

interface RuleState {
  readonly rule: FaultRule;
  matched: number;
  applied: number;
  removed: boolean;
  waiters: Array<{ count: number; resolve: () => void }>;
}

/**
 * Starts an HTTP proxy in front of DynamoDB (DynamoDB Local) that forwards every request with
 * undici and, where a rule says so, throttles it, fails it with a 500, delays it, holds DynamoDB's
 * answer after the write went through, or cuts the connection after it. Rules are set by the test
 * that owns the proxy ({@link DynamoDbFaultProxy.addRule}); without any, it is a plain proxy.
 *
 * @example
 * const proxy = await startDynamoDbFaultProxy({ target: 'http://127.0.0.1:8000' });
 * const rule = proxy.addRule({
 *   operation: 'TransactWriteItems',
 *   table: 'inventory-local',
 *   times: 3,
 *   action: { kind: 'throttle' },
 * });
 * // … services use proxy.url as DYNAMODB_ENDPOINT; later:
 * rule.remove();
 * await proxy.close();
 */
export async function startDynamoDbFaultProxy(options: FaultProxyOptions): Promise<DynamoDbFaultProxy> {
  const upstream = new Pool(options.target, { connections: 32 });
  const random = options.random ?? Math.random;
  const started = performance.now();
  const rules: RuleState[] = [];
  const log: ProxiedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolveSleep) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolveSleep();
      }, ms);
      timers.add(timer);
    });

  /** The first rule that applies to the request (counting matches on the way), if any. */
  const choose = (request: DynamoDbRequest): RuleState | undefined => {
    for (const state of rules) {
      const { rule } = state;
      if (state.removed) continue;
      const operations = asList(rule.operation)?.map((name) => name.replace(TARGET_PREFIX, ''));
      if (operations && !operations.includes(request.operation)) continue;
      const tables = asList(rule.table);
      if (tables && !tables.some((table) => request.tables.includes(table))) continue;
      if (rule.where && !rule.where(request)) continue;
      state.matched += 1;
      if (state.matched <= (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && state.applied >= rule.times) continue;
      if (random() >= (rule.probability ?? 1)) continue;
      state.applied += 1;
      for (const waiter of state.waiters.filter((entry) => state.applied >= entry.count)) waiter.resolve();
      state.waiters = state.waiters.filter((entry) => state.applied < entry.count);
      return state;
    }
    return undefined;
  };

  const forward = async (
    request: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = value;
    }
    const answer = await upstream.request({
      path: request.url ?? '/',
      method: request.method === 'GET' ? 'GET' : 'POST',
      headers,
      ...(body.length > 0 ? { body } : {}),
    });
    const answerBody = Buffer.from(await answer.body.arrayBuffer());
    const answerHeaders: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !NOT_FORWARDED.has(name)) answerHeaders[name] = value;
    }
    answerHeaders['content-length'] = String(answerBody.length);
    return { status: answer.statusCode, headers: answerHeaders, body: answerBody };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request);
    let parsed: unknown;
    try {
      parsed = body.length > 0 ? (JSON.parse(body.toString('utf8')) as unknown) : undefined;
    } catch {
      parsed = undefined;
    }
    const target = request.headers['x-amz-target'];
    const operation = (typeof target === 'string' ? target : '').replace(TARGET_PREFIX, '');
    const dynamoRequest: DynamoDbRequest = { operation, tables: tablesOf(parsed), body: parsed };
    const action = choose(dynamoRequest)?.rule.action;
    log.push({
      operation,
      tables: dynamoRequest.tables,
      fault: action?.kind,
      atMs: Math.round(performance.now() - started),
    });
    // The caller went away (its process was killed, its client timed out): nothing more to do for it.
    let callerGone = false;
    response.once('close', () => {
      callerGone = !response.writableFinished;
    });

    switch (action?.kind) {
      case 'throttle':
        errorAnswer(response, 400, action.error ?? 'ThrottlingException');
        return;
      case 'internal-error':
        errorAnswer(response, 500, 'InternalServerError');
        return;
      case 'delay':
        await sleep(action.ms);
        if (closed || (callerGone && !action.forwardIfCallerGone)) return;
        break;
      default:
        break;
    }
    const answer = await forward(request, body);
    if (action?.kind === 'hold-response') await sleep(action.ms);
    if (action?.kind === 'drop-connection') {
      request.socket.destroy();
      return;
    }
    if (callerGone || closed) return;
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  };

  let closed = false;
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent || response.destroyed) return;
      // DynamoDB itself did not answer (stopped, restarting): the caller sees a 500 as from a proxy.
      errorAnswer(response, 500, 'InternalServerError');
      void error;
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (cause) =>
      reject(new FaultProxyError(`the DynamoDB fault proxy could not listen: ${cause.message}`, { cause })),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    addRule(rule) {
      const state: RuleState = { rule, matched: 0, applied: 0, removed: false, waiters: [] };
      rules.push(state);
      return {
        matched: () => state.matched,
        applied: () => state.applied,
        whenApplied(count = 1, timeoutMs = 60_000) {
          if (state.applied >= count) return Promise.resolve();
          return new Promise<void>((resolveWait, reject) => {
            const timer = setTimeout(() => {
              timers.delete(timer);
              reject(
                new FaultProxyError(
                  `the ${rule.action.kind} rule was applied ${state.applied} of ${count} times within ${timeoutMs} ms`,
                ),
              );
            }, timeoutMs);
            timers.add(timer);
            state.waiters.push({
              count,
              resolve: () => {
                clearTimeout(timer);
                timers.delete(timer);
                resolveWait();
              },
            });
          });
        },
        remove() {
          state.removed = true;
        },
      };
    },
    clearRules() {
      for (const state of rules) state.removed = true;
      rules.length = 0;
    },
    requests: () => [...log],
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      await upstream.close();
    },
  };
}
