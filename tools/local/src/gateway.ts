import { PROBLEM_BASE } from '@platform/http/problem-base';
import { CORRELATION_ID_PATTERN } from '@platform/observability/correlation-id';
import { randomUUID } from 'node:crypto';
import {
  Agent,
  createServer,
  request,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { CONSOLE_PATH, type ConsoleHandler } from './console/console-server';
import type { RequestRecord } from './console/request-log';
import { isLoopbackHost } from './loopback-host';
import { isAddressInUse, portInUseError } from './ports';
import { PROMETHEUS_CONTENT_TYPE } from './prometheus-registry';

/** The dev issuer's keys, where `AUTH_JWKS_URL` points. */
export const JWKS_PATH = '/.well-known/jwks.json';
export const METRICS_PATH = '/metrics';
export const STACK_PATH = '/_stack';
/**
 * `/_lambda/<service>` + the Lambda Invoke API path: the stack's one Lambda endpoint. A service's
 * `<S>_LAMBDA_ENDPOINT` points here, so invoking a function of a service that is not running starts
 * it, as a request to its routes does.
 */
export const LAMBDA_PATH = '/_lambda';
/**
 * The dev issuer's token endpoint: POST `{ sub, tenant, scope }` (JSON) → `{ access_token }`. The
 * contract a stage's canary token endpoint keeps too (tools/e2e/src/canary-token.ts), so the
 * deployed canary's token plumbing runs here against the local stack.
 */
const DEV_TOKEN_PATH = '/_dev/token';
/** The largest body API Gateway accepts (HTTP API payload quota, 10 MB); serverless-offline's too. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** How much of an upstream error answer the gateway reads to tell serverless-offline's own apart. */
const MAX_ERROR_BODY_BYTES = 256 * 1024;
/** What serverless-offline answers for a path or method none of its functions serves. */
const ROUTE_NOT_FOUND = 'Serverless-offline: route not found.';
/** Problem slugs and titles of @platform/http (errors.ts) for the statuses serverless-offline answers itself. */
const PROBLEM_TITLES: Readonly<Record<number, readonly [slug: string, title: string]>> = {
  400: ['bad-request', 'Bad Request'],
  404: ['not-found', 'Not Found'],
  413: ['payload-too-large', 'Payload Too Large'],
  415: ['unsupported-media-type', 'Unsupported Media Type'],
};

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, so a proxy does not forward
 * them; each side of the gateway manages its own connection.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** What the gateway serves besides the services. */
export interface GatewayOptions {
  /** Port on `host`; 0 for any free one. */
  port: number;
  host?: string;
  /** The services, each with its serverless-offline HTTP port once it is up (`undefined` while starting). */
  routes: ReadonlyMap<string, number | undefined>;
  /** The dev issuer's JWKS document. */
  jwks: () => { keys: unknown[] };
  /** Mints a dev issuer token for a principal ({@link DEV_TOKEN_PATH}); without it the path is a 404. */
  mintToken?: (principal: { sub: string; tenant: string; scope?: string }) => Promise<string>;
  /** The Prometheus exposition of the services' metrics. */
  metrics: () => string;
  /** The stack's description, served at `/_stack` and `/`. */
  info: () => unknown;
  /** Said in the port-in-use error, after the port and its holder. */
  portHint?: string;
  /**
   * At most this many requests in flight per service; more wait their turn (0: no limit).
   * serverless-offline runs each concurrent request in a new worker thread with a cold start, so a
   * burst of 60 makes 60 of them at once (and as many more in the services it calls).
   */
  concurrency?: number;
  /** Serves the local console under `/_console` (without it the path is a 404). */
  console?: ConsoleHandler;
  /** Told of every request to a service once its exchange ends (the console's request list). */
  onProxied?: (record: RequestRecord) => void;
  /**
   * Takes a service's ports for one exchange, starting the service first when it is not running
   * (on demand); `release` is called once the exchange has ended. A rejection answers 503 with its
   * message. Without it, `routes` gives the port, a service without one answers 503, and
   * {@link LAMBDA_PATH} is a 404.
   */
  acquire?: (service: string) => Promise<AcquiredService>;
  /** Told when a service does not answer (the client gets a 502). */
  onUpstreamError?: (failure: {
    service: string;
    method: string;
    path: string;
    port: number;
    error: Error;
  }) => void;
}

/** A service's ports, held for one exchange (see {@link GatewayOptions.acquire}). */
export interface AcquiredService {
  /** serverless-offline's HTTP port. */
  http: number;
  /** serverless-offline's Lambda Invoke API port. */
  lambda: number;
  /** Ends the hold (called once the exchange has ended, answered or not). */
  release: () => void;
}

/** The running gateway. */
export interface Gateway {
  readonly port: number;
  readonly url: string;
  /** Routes `/<service>/…` to `port` from now on (`undefined`: answer 503, the service is starting). */
  setRoute(service: string, port: number | undefined): void;
  close(): Promise<void>;
}

function writeJson(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: unknown,
  headers: OutgoingHttpHeaders,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function problem(
  res: ServerResponse,
  correlationId: string,
  status: number,
  slug: string,
  title: string,
  detail: string,
  extra: { headers?: OutgoingHttpHeaders; members?: Record<string, unknown> } = {},
): void {
  writeJson(
    res,
    status,
    'application/problem+json',
    { type: `${PROBLEM_BASE}/${slug}`, title, status, detail, instance: correlationId, ...extra.members },
    { 'x-correlation-id': correlationId, ...extra.headers },
  );
}

/**
 * serverless-offline's own error answers (it plays API Gateway): its route-not-found body, and hapi's
 * `{ statusCode, error, message }` (a body over 10 MiB, a malformed request). The handlers answer
 * every error as problem+json themselves, so a plain-JSON error answer of a service comes from
 * serverless-offline; read as a problem, or `undefined` for any other answer.
 */
export function offlineErrorAsProblem(
  service: string,
  status: number,
  body: string,
): { slug: string; title: string; detail: string; members?: Record<string, unknown> } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const answer = parsed as Record<string, unknown>;
  if (status === 404 && answer['error'] === ROUTE_NOT_FOUND) {
    // `get - /products/{sku}` → `GET /catalog/products/{sku}`: the service's own route, under its mount.
    const asRouteKey = (text: unknown): string => {
      const [method = '', path = ''] = String(text).split(' - ');
      return `${method.toUpperCase()} ${mountedPath(service, path)}`.trim();
    };
    const routes = Array.isArray(answer['existingRoutes']) ? answer['existingRoutes'].map(asRouteKey) : [];
    return {
      slug: 'not-found',
      title: 'Not Found',
      detail: `${service} has no route ${asRouteKey(answer['currentRoute'])}.`,
      members: { routes },
    };
  }
  const error = answer['error'];
  if (answer['statusCode'] === status && typeof error === 'string' && typeof answer['message'] === 'string') {
    const slugOfError = error
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const [slug, title] = PROBLEM_TITLES[status] ?? [slugOfError, error];
    return { slug, title, detail: answer['message'] };
  }
  return undefined;
}

/**
 * `/<service>` + a service's own path, as the stage's host serves it: API Gateway strips the API
 * mapping key `/<service>` before it matches a route, so services declare their routes without it.
 */
export function mountedPath(service: string, path: string): string {
  return path === '/' || path === '' ? `/${service}` : `/${service}${path}`;
}

/** The service's own path of a request to `/<service>…` (its query kept): what API Gateway routes on. */
export function unmountedUrl(service: string, url: string): string {
  const rest = url.slice(service.length + 1);
  return rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
}

/** Answers the dev token endpoint: POST `{ sub, tenant, scope? }` → `{ access_token, token_type, expires_in }`. */
function serveDevToken(
  req: IncomingMessage,
  res: ServerResponse,
  correlationId: string,
  mint: NonNullable<GatewayOptions['mintToken']>,
): void {
  if (req.method !== 'POST') {
    problem(
      res,
      correlationId,
      405,
      'method-not-allowed',
      'Method Not Allowed',
      `${DEV_TOKEN_PATH} takes POST.`,
      {
        headers: { allow: 'POST' },
      },
    );
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= 16 * 1024) chunks.push(chunk);
  });
  req.on('end', () => {
    let principal: unknown;
    try {
      principal = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      principal = undefined;
    }
    const fields = principal as Record<string, unknown> | undefined;
    const text = (name: string): string | undefined =>
      typeof fields?.[name] === 'string' && fields[name] !== '' ? fields[name] : undefined;
    const sub = text('sub');
    const tenant = text('tenant');
    const scope = typeof fields?.['scope'] === 'string' ? fields['scope'] : undefined;
    if (size > 16 * 1024 || sub === undefined || tenant === undefined) {
      problem(
        res,
        correlationId,
        400,
        'bad-request',
        'Bad Request',
        'Send JSON {"sub": "…", "tenant": "…", "scope": "a:read b:write"} (sub and tenant required).',
      );
      return;
    }
    mint({ sub, tenant, ...(scope ? { scope } : {}) }).then(
      (token) =>
        writeJson(
          res,
          200,
          'application/json',
          { access_token: token, token_type: 'Bearer', expires_in: 3600 },
          {
            'x-correlation-id': correlationId,
          },
        ),
      (error: unknown) =>
        problem(
          res,
          correlationId,
          500,
          'internal-error',
          'Internal Server Error',
          `the dev issuer failed: ${String(error)}`,
        ),
    );
  });
}

/** 413 for a body over API Gateway's limit; the rest of the body is read and dropped. */
function tooLarge(req: IncomingMessage, res: ServerResponse, correlationId: string, size: string): void {
  problem(
    res,
    correlationId,
    413,
    'payload-too-large',
    'Payload Too Large',
    `The body is ${size}; API Gateway accepts at most ${MAX_BODY_BYTES} bytes (and the services 64 KiB).`,
    { headers: { connection: 'close' } },
  );
  req.resume();
}

/** The header names a `Connection` header lists (also hop-by-hop). */
function connectionTokens(value: string | string[] | undefined): Set<string> {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(
    text
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** Raw headers (`[name, value, name, value, …]`, names as sent) without the hop-by-hop ones. */
function endToEndHeaders(raw: readonly string[], connection: string | string[] | undefined): string[] {
  const listed = connectionTokens(connection);
  const kept: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || listed.has(lower)) continue;
    kept.push(name, raw[i + 1] ?? '');
  }
  return kept;
}

/**
 * The local gateway: one port in front of every service, as API Gateway is in AWS.
 * - `/<service>/…` goes to that service's serverless-offline as `/…` (the `/<service>` mount
 *   stripped, as an API Gateway custom domain strips the API mapping key) with method, query,
 *   headers and body unchanged, and the answer comes back with status, headers and body unchanged;
 *   the one thing added is an `x-correlation-id` on a request that has none;
 * - `/.well-known/jwks.json` serves the dev issuer's keys, `/metrics` the services' EMF metrics as
 *   Prometheus text, `/_stack` (and `/`) the stack's description, `/_console` the local console
 *   (when `console` is given);
 * - anything else is a 404 problem listing the services; a service still starting a 503; a service
 *   that does not answer a 502; a body over 10 MiB a 413 (API Gateway's limit);
 * - serverless-offline's own error answers (no such route, hapi errors), plain JSON, become
 *   problem+json like every other error of the platform; the services' answers are never changed.
 *
 * Fails with a {@link PortInUseError} naming the holder when the port is taken.
 *
 * @example
 * import { createDevIssuer } from '@platform/auth/dev-issuer';
 * import { PrometheusRegistry } from './prometheus-registry';
 * const issuer = await createDevIssuer();
 * const registry = new PrometheusRegistry({ stage: 'local' });
 * const gateway = await startGateway({
 *   port: 3000,
 *   routes: new Map([['catalog', 40123]]),
 *   jwks: () => issuer.jwks(),
 *   metrics: () => registry.render(),
 *   info: () => ({ services: ['catalog'] }),
 * });
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const routes = new Map(options.routes);
  const upstreamAgent = new Agent({ keepAlive: true, maxSockets: 256 });
  const limiters = new Map<string, ConcurrencyLimiter>();
  const limiterOf = (service: string): ConcurrencyLimiter => {
    let limiter = limiters.get(service);
    if (!limiter) {
      limiter = new ConcurrencyLimiter(options.concurrency ?? 0);
      limiters.set(service, limiter);
    }
    return limiter;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const startedAt = Date.now();
    const supplied = req.headers['x-correlation-id'];
    const correlationId =
      typeof supplied === 'string' && CORRELATION_ID_PATTERN.test(supplied) ? supplied : randomUUID();
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const own = { 'x-correlation-id': correlationId };

    // Before anything else, `/_stack` and the token endpoint included: a DNS-rebinding page reaches
    // 127.0.0.1 under its own name, and would otherwise read every answer of the stack.
    if (!isLoopbackHost(req.headers.host)) {
      problem(
        res,
        correlationId,
        421,
        'misdirected-request',
        'Misdirected Request',
        `The local gateway answers only Host localhost, 127.0.0.1 or [::1] (any port), not ${JSON.stringify(req.headers.host ?? '')}.`,
      );
      req.resume();
      return;
    }

    if (options.console && (path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`))) {
      options.console(req, res, path);
      return;
    }
    if (path === JWKS_PATH) {
      writeJson(res, 200, 'application/json', options.jwks(), own);
      return;
    }
    if (path === DEV_TOKEN_PATH && options.mintToken) {
      serveDevToken(req, res, correlationId, options.mintToken);
      return;
    }
    if (path === METRICS_PATH) {
      const text = options.metrics();
      res.writeHead(200, {
        'content-type': PROMETHEUS_CONTENT_TYPE,
        'content-length': Buffer.byteLength(text),
        'cache-control': 'no-store',
        ...own,
      });
      res.end(text);
      return;
    }
    if (path === STACK_PATH || path === '/') {
      writeJson(res, 200, 'application/json', options.info(), own);
      return;
    }

    // `/_lambda/<service>/2015-03-31/functions/<name>/invocations`: a function invoked by another's SDK.
    const lambdaCall = options.acquire !== undefined && path.startsWith(`${LAMBDA_PATH}/`);
    const service = (lambdaCall ? path.slice(LAMBDA_PATH.length) : path).split('/')[1] ?? '';
    if (!routes.has(service)) {
      const known = [...routes.keys()].sort();
      problem(
        res,
        correlationId,
        404,
        'not-found',
        'Not Found',
        `No service serves /${service}. Known services: ${known.length > 0 ? known.join(', ') : '(none)'}.`,
        { members: { services: known } },
      );
      req.resume();
      return;
    }
    const onProxied = options.onProxied;
    if (onProxied && !lambdaCall) {
      res.once('close', () =>
        onProxied({
          startedAt,
          service,
          method: req.method ?? '',
          path,
          status: res.headersSent ? res.statusCode : 0,
          durationMs: Date.now() - startedAt,
          correlationId,
        }),
      );
    }

    const declaredLength = Number(req.headers['content-length'] ?? 0);
    if (declaredLength > MAX_BODY_BYTES) {
      tooLarge(req, res, correlationId, `${declaredLength} bytes`);
      return;
    }
    const unavailable = (detail: string): void => {
      problem(res, correlationId, 503, 'service-unavailable', 'Service Unavailable', detail, {
        headers: { 'retry-after': '1' },
      });
      req.resume();
    };

    // What the exchange holds (a place in the service's queue, the service kept running) is given
    // back when it ends, answered or aborted, queued or not.
    const holds: Array<() => void> = [];
    let closed = false;
    res.once('close', () => {
      closed = true;
      for (const release of holds.splice(0)) release();
    });
    const hold = (release: () => void): boolean => {
      if (closed) release();
      else holds.push(release);
      return !closed;
    };
    const toService = (port: number): void => {
      void limiterOf(service)
        .acquire()
        .then((granted) => {
          if (hold(granted)) forward(req, res, service, port, correlationId, supplied === undefined);
        });
    };

    const acquire = options.acquire;
    if (!acquire) {
      const port = routes.get(service);
      if (port === undefined) unavailable(`${service} is starting.`);
      else toService(port);
      return;
    }
    acquire(service).then(
      (held) => {
        if (!hold(held.release)) return;
        if (!lambdaCall) {
          toService(held.http);
          return;
        }
        forward(req, res, service, held.lambda, correlationId, false, `${LAMBDA_PATH}/${service}`);
      },
      (error: unknown) => {
        if (!closed) unavailable(error instanceof Error ? error.message : String(error));
      },
    );
  });

  /**
   * Sends the request to the service and its answer back, both unchanged. `lambdaMount`: a Lambda
   * Invoke API call under that path, sent to the Lambda port without it, its answer never converted.
   */
  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    service: string,
    port: number,
    correlationId: string,
    addCorrelationId: boolean,
    lambdaMount?: string,
  ): void {
    const url = req.url ?? '/';
    const headers = endToEndHeaders(req.rawHeaders, req.headers.connection);
    if (addCorrelationId) headers.push('x-correlation-id', correlationId);
    // The body is framed on this hop as it was on the client's: a `content-length` is an end-to-end
    // header and goes on as it came; a chunked body (`transfer-encoding`, hop-by-hop, dropped above)
    // is said again, so that node:http chunk-encodes what is piped. Without it, node:http writes the
    // body of a GET, HEAD, DELETE or OPTIONS bare (it chunks by default only the other methods), and
    // serverless-offline would read those bytes as a second request on the pooled socket (request
    // smuggling). Such a body is forwarded, not refused with a 400: the stage's HTTP API (regional, no
    // CloudFront in front) hands the body of any method to the Lambda integration's event; only
    // CloudFront, in front of an edge-optimized REST API, refuses a GET with a body (403).
    const framing = req.headers['transfer-encoding'];
    if (framing !== undefined) headers.push('Transfer-Encoding', framing);
    let answered = false;
    const badGateway = (error: Error): void => {
      options.onUpstreamError?.({
        service,
        method: req.method ?? '',
        path: url.split('?')[0] ?? url,
        port,
        error,
      });
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      problem(
        res,
        correlationId,
        502,
        'bad-gateway',
        'Bad Gateway',
        `${service} (serverless-offline on port ${port}) did not answer: ${error.message}`,
      );
    };
    const upstream = request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: lambdaMount === undefined ? unmountedUrl(service, url) : url.slice(lambdaMount.length),
        headers,
        agent: upstreamAgent,
      },
      (upstreamRes) => {
        answered = true;
        if (!req.complete) {
          // Answered before the whole body was sent (serverless-offline refusing it): the rest is
          // read and dropped, so that the client, still sending, gets the answer. The connection
          // to the service, its request cut short, is not used again.
          req.unpipe(upstream);
          req.resume();
          upstreamRes.once('end', () => upstream.destroy());
        }
        const status = upstreamRes.statusCode ?? 502;
        const headers = endToEndHeaders(upstreamRes.rawHeaders, upstreamRes.headers.connection);
        const contentType = String(upstreamRes.headers['content-type'] ?? '');
        if (status < 400 || !contentType.startsWith('application/json') || lambdaMount !== undefined) {
          res.writeHead(status, upstreamRes.statusMessage, headers);
          upstreamRes.pipe(res);
          upstreamRes.once('close', () => {
            if (!upstreamRes.complete) res.destroy(); // cut off midway: so is the client's answer
          });
          return;
        }
        // A plain-JSON error: serverless-offline's own (see offlineErrorAsProblem) becomes problem+json.
        const chunks: Buffer[] = [];
        let size = 0;
        let streaming = false; // too large to be serverless-offline's: passed on as it comes
        upstreamRes.on('data', (chunk: Buffer) => {
          if (streaming) {
            res.write(chunk);
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
          if (size > MAX_ERROR_BODY_BYTES) {
            streaming = true;
            res.writeHead(status, upstreamRes.statusMessage, headers);
            for (const held of chunks) res.write(held);
          }
        });
        // `close`, not `end`: serverless-offline may reset the connection right after such an answer.
        upstreamRes.once('close', () => {
          if (streaming) {
            if (upstreamRes.complete) res.end();
            else res.destroy();
            return;
          }
          const body = Buffer.concat(chunks);
          const converted = offlineErrorAsProblem(service, status, body.toString('utf8'));
          if (converted) {
            problem(res, correlationId, status, converted.slug, converted.title, converted.detail, {
              ...(converted.members ? { members: converted.members } : {}),
            });
          } else if (upstreamRes.complete) {
            res.writeHead(status, upstreamRes.statusMessage, headers);
            res.end(body);
          } else {
            badGateway(new Error('the answer was cut off'));
          }
        });
        upstreamRes.on('error', () => undefined); // what is missing is decided on close
      },
    );
    upstream.on('error', (error) => {
      // Once answered, a failed write of the rest of the body is not a failure of the exchange.
      if (!answered) badGateway(error);
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    // A body without a length (chunked) is counted on its way: serverless-offline would cut the
    // connection without an answer past 10 MiB.
    let sent = 0;
    req.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (sent <= MAX_BODY_BYTES || answered) return;
      answered = true;
      req.unpipe(upstream);
      upstream.destroy();
      tooLarge(req, res, correlationId, `over ${MAX_BODY_BYTES} bytes`);
    });
    req.pipe(upstream);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      reject(
        isAddressInUse(error)
          ? portInUseError(options.port, 'gateway', options.portHint ?? 'stop it, or set GATEWAY_PORT', error)
          : error,
      );
    });
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    setRoute(service, target) {
      routes.set(service, target);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        upstreamAgent.destroy();
        server.close(() => resolve());
      }),
  };
}
