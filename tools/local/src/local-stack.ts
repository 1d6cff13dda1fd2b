import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevIssuer } from '@platform/auth/dev-issuer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ChildRegistry, type ChildExit, type StackChild } from './children';
import { CONSOLE_PATH, createConsole } from './console/console-server';
import { MetricHistory } from './console/metric-history';
import { RequestLog } from './console/request-log';
import { ServiceLogStore } from './console/service-log-store';
import { cursorSecret } from './cursor-secret';
import { startDynamoDb, type DynamoDbRunner } from './dynamodb-runner';
import { looksLikeEmf, parseEmfLine } from './emf-record';
import { ChildExitedError, LocalStackError } from './errors';
import { JWKS_PATH, METRICS_PATH, STACK_PATH, startGateway, type Gateway } from './gateway';
import { startOrphanReaper } from './orphan-reaper';
import { allocatePorts, allocateServicePorts } from './ports';
import { PrometheusRegistry } from './prometheus-registry';
import { serviceEnvironment } from './service-environment';
import { ServiceFleet, type RunningService, type ServiceInfo } from './service-fleet';
import type { LocalService } from './services';
import type { StackOutput } from './stack-output';

/** The stage the local stack runs every service in: tables `catalog-local`, functions `inventory-local-reserve`. */
const LOCAL_STAGE = 'local';

/** Options of {@link startLocalStack}. */
export interface LocalStackOptions {
  workspaceRoot: string;
  services: readonly LocalService[];
  /** The gateway's port on 127.0.0.1 (0: any free one). */
  gatewayPort: number;
  output: StackOutput;
  /** Use this DynamoDB instead of starting DynamoDB Local. */
  dynamodbEndpoint?: string;
  /** The port DynamoDB Local listens on (default: a free one). */
  dynamodbPort?: number;
  /** Keep DynamoDB Local's data (and the cursor secret) in this folder. */
  persistDir?: string;
  /** The environment the services inherit (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** How long one service may take to listen (default 120 s). */
  serviceTimeoutMs?: number;
  /** `performance.now()` the `ready in` time counts from (default: when this function was called). */
  startedAt?: number;
  /** Aborting it stops a start-up in progress (Ctrl-C while starting). */
  signal?: AbortSignal;
  /** Requests in flight per service at the gateway, more wait (default {@link DEFAULT_GATEWAY_CONCURRENCY}; 0: no limit). */
  gatewayConcurrency?: number;
  /**
   * The services started at once, with hot reload (default: every one). The others start on their
   * first request (through the gateway, or an invoke of one of their functions) and stop when idle.
   */
  startAtOnce?: readonly string[];
  /** A service started on demand that no request used for this long is stopped (default 10 min; 0: never). */
  idleStopMs?: number;
  /** At most this many services started on demand run at once (default {@link DEFAULT_MAX_ON_DEMAND}; 0: no limit). */
  maxOnDemand?: number;
}

/** Default of {@link LocalStackOptions.idleStopMs}. */
const DEFAULT_IDLE_STOP_MS = 10 * 60_000;
/**
 * Default of {@link LocalStackOptions.maxOnDemand}: a serverless-offline holds ~300 MB once it has
 * answered, so eight keep a stack of thirty services under 4 GB.
 */
const DEFAULT_MAX_ON_DEMAND = 8;

/**
 * Requests the gateway lets through at once per service. serverless-offline starts a worker thread
 * (a cold start, ~40 MB) per concurrent request: unbounded, a burst of 60 orders on two cores made
 * 180 cold starts and timed out orders' calls to catalog. Like a Lambda's reserved concurrency.
 */
const DEFAULT_GATEWAY_CONCURRENCY = 8;

/** What `/_stack` answers: the stack's parts and where they are. */
export interface StackInfo {
  status: 'starting' | 'ready' | 'stopping';
  stage: string;
  pid: number;
  gateway: { url: string; jwks: string; metrics: string };
  dynamodb: { endpoint: string; managed: boolean; pid: number | undefined; persistDir: string | undefined };
  services: ServiceInfo[];
}

/** A running local stack. */
export interface LocalStack {
  readonly gatewayUrl: string;
  readonly dynamodbEndpoint: string;
  readonly services: readonly RunningService[];
  /** Milliseconds from `startedAt` to ready. */
  readonly readyMs: number;
  /** Settles when a process of the stack exits although nobody stopped it. */
  readonly failed: Promise<ChildExitedError>;
  info(): StackInfo;
  /** Stops every process of the stack (SIGTERM, SIGKILL after 2.5 s) and the gateway. */
  stop(): Promise<void>;
}

/** Rejects as soon as `signal` aborts, with its reason. */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fail = (): void =>
      reject(signal.reason instanceof Error ? signal.reason : new LocalStackError('start-up aborted'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/**
 * Starts the local stack, the supervisor of its parts: the gateway (first, so a taken port fails
 * at once), DynamoDB (dynamodb-runner.ts: DynamoDB Local, or the given endpoint), and the services
 * (service-fleet.ts: serverless-offline per service, on ports allocated up front and wired together
 * through the environment, {@link serviceEnvironment}; the ones in `startAtOnce` now, the others on
 * their first request). Prints one line per step, then the URL table and the `ready in N.N s` line;
 * from then on every child's output, through `output`. The services' EMF lines feed the gateway's
 * `/metrics` and the console.
 *
 * A process of the stack that exits although nobody stopped it settles `failed` (a service started
 * on demand is started again by its next request instead). On any start-up failure (or `signal`
 * aborting) everything started so far is stopped and the error thrown.
 *
 * @example
 * import { discoverServices } from './services';
 * declare const output: StackOutput;
 * const workspaceRoot = process.cwd();
 * const services = await discoverServices(workspaceRoot, ['catalog']);
 * const stack = await startLocalStack({ workspaceRoot, services, gatewayPort: 3000, output });
 * // … later
 * await stack.stop();
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const started = options.startedAt ?? performance.now();
  const output = options.output;
  const abort = new AbortController();
  const aborted = rejectOnAbort(abort.signal);
  aborted.catch(() => undefined);
  const onOuterAbort = (): void => abort.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.signal?.aborted) onOuterAbort();

  const metrics = new PrometheusRegistry({ stage: LOCAL_STAGE });
  // What the console (/_console) shows: requests, log lines and metrics over time, kept in memory.
  const requestLog = new RequestLog();
  const serviceLogs = new ServiceLogStore();
  const metricHistory = new MetricHistory();
  let status: StackInfo['status'] = 'starting';
  let reportFailure: (error: ChildExitedError) => void = () => undefined;
  const failed = new Promise<ChildExitedError>((resolveFailure) => {
    reportFailure = resolveFailure;
  });
  let fleet: ServiceFleet | undefined;
  let dynamodb: DynamoDbRunner | undefined;
  let gateway: Gateway | undefined;

  const sink = (name: string, line: string, stream: 'stdout' | 'stderr'): void => {
    const seen = fleet?.lineOf(name, line) ?? { service: false, show: true };
    if (looksLikeEmf(line)) {
      const records = parseEmfLine(line);
      if (records) {
        metrics.record(name, records);
        metricHistory.record(name, records);
      }
    } else if (seen.service) {
      serviceLogs.add(name, line);
    }
    if (status === 'ready' && seen.show) output.childLine(name, line, stream);
  };
  const onChildExit = (child: StackChild, exit: ChildExit): void => {
    if (fleet?.childExited(child, exit)) return;
    const error = new ChildExitedError(child.name, exit.code, exit.signal, child.recentOutput());
    if (status === 'starting') abort.abort(error);
    else if (status === 'ready') reportFailure(error);
  };
  // Whatever happens to this process (a launcher's SIGKILL included), no child outlives it.
  const reaper = startOrphanReaper();
  const children = new ChildRegistry(sink, onChildExit, reaper);

  const issuer = await loadOrCreateDevIssuer();
  // Each serverless-offline writes its resolved configuration here (service-fleet.ts); gone with the stack.
  const runDir = mkdtempSync(join(tmpdir(), 'serverless-factory-stack-'));
  const serviceNames = options.services.map((service) => service.name);

  const info = (): StackInfo => {
    const url = gateway?.url ?? '';
    return {
      status,
      stage: LOCAL_STAGE,
      pid: process.pid,
      gateway: { url, jwks: `${url}${JWKS_PATH}`, metrics: `${url}${METRICS_PATH}` },
      dynamodb: {
        endpoint: dynamodb?.endpoint ?? options.dynamodbEndpoint ?? '',
        managed: !options.dynamodbEndpoint,
        pid: dynamodb?.pid(),
        persistDir: dynamodb?.persistDir,
      },
      services: fleet?.info(url) ?? [],
    };
  };

  const shutdown = async (): Promise<void> => {
    status = 'stopping';
    fleet?.close();
    options.signal?.removeEventListener('abort', onOuterAbort);
    await Promise.all([children.stopAll(2500), dynamodb?.stop()]);
    await reaper.release();
    await gateway?.close();
    rmSync(runDir, { recursive: true, force: true });
  };

  try {
    gateway = await Promise.race([
      startGateway({
        port: options.gatewayPort,
        routes: new Map(serviceNames.map((name) => [name, undefined])),
        jwks: () => issuer.jwks(),
        mintToken: (principal) => issuer.mint(principal),
        metrics: () => metrics.render(),
        info,
        console: createConsole({
          info,
          services: options.services,
          eventsDir: resolve(__dirname, '../events'),
          requests: requestLog,
          logs: serviceLogs,
          metrics: metricHistory,
          mintToken: (principal) => issuer.mint(principal),
        }),
        onProxied: (record) => requestLog.add(record),
        acquire: (service) => {
          if (!fleet) return Promise.reject(new LocalStackError(`${service} is starting.`));
          return fleet.acquire(service);
        },
        concurrency: options.gatewayConcurrency ?? DEFAULT_GATEWAY_CONCURRENCY,
        onUpstreamError: ({ service, method, path, port, error }) =>
          output.notice(
            `gateway: ${service} (:${port}) did not answer ${method} ${path}: ${error.message}`,
            'warn',
          ),
      }),
      aborted,
    ]);

    // Every port is chosen before anything starts, so each service's environment can name the others'.
    const dynamodbPort = options.dynamodbEndpoint
      ? undefined
      : (options.dynamodbPort ?? (await allocatePorts(1))[0]);
    const ports = await allocateServicePorts(
      serviceNames,
      new Set([gateway.port, ...(dynamodbPort === undefined ? [] : [dynamodbPort])]),
    );
    dynamodb = await startDynamoDb({
      ...(options.dynamodbEndpoint ? { endpoint: options.dynamodbEndpoint } : {}),
      ...(dynamodbPort === undefined ? {} : { port: dynamodbPort }),
      portAsked: options.dynamodbPort !== undefined,
      ...(options.persistDir ? { persistDir: options.persistDir } : {}),
      output,
      onLine: (line) => sink('dynamodb', line, 'stdout'),
      reaper,
    });
    fleet = new ServiceFleet({
      workspaceRoot: options.workspaceRoot,
      stage: LOCAL_STAGE,
      services: options.services,
      ports,
      startAtOnce: new Set(options.startAtOnce ?? serviceNames),
      idleStopMs: options.idleStopMs ?? DEFAULT_IDLE_STOP_MS,
      maxOnDemand: options.maxOnDemand ?? DEFAULT_MAX_ON_DEMAND,
      serviceTimeoutMs: options.serviceTimeoutMs ?? 120_000,
      environment: serviceEnvironment(
        {
          dynamodbEndpoint: dynamodb.endpoint,
          gatewayPort: gateway.port,
          issuer: DEV_ISSUER,
          audience: DEV_AUDIENCE,
          cursorSecret: cursorSecret(options.persistDir),
          services: serviceNames,
        },
        options.env ?? process.env,
      ),
      runDir,
      dynamodb: { endpoint: dynamodb.endpoint, ready: dynamodb.ready },
      children,
      output,
      signal: abort.signal,
      stackReady: () => status === 'ready',
    });
    await Promise.race([Promise.all([dynamodb.ready, fleet.startAtOnce()]), aborted]);
  } catch (error) {
    const reason = abort.signal.aborted ? abort.signal.reason : error;
    abort.abort(reason);
    await shutdown();
    throw reason instanceof Error ? reason : error;
  }

  const readyGateway = gateway;
  const readyFleet = fleet;
  const readyDynamoDb = dynamodb;
  status = 'ready';
  const readyMs = performance.now() - started;
  output.urls({
    header: ['service', 'through the gateway', 'direct (serverless-offline)', 'lambda endpoint'],
    rows: [
      ...info().services.map((service) => [
        service.name,
        service.url,
        service.direct,
        service.lambdaEndpoint,
      ]),
      ['jwks', `${readyGateway.url}${JWKS_PATH}`, '', ''],
      ['metrics', `${readyGateway.url}${METRICS_PATH}`, '', ''],
      ['stack', `${readyGateway.url}${STACK_PATH}`, '', ''],
      ['console', `${readyGateway.url}${CONSOLE_PATH}`, '', ''],
      [
        'dynamodb',
        readyDynamoDb.endpoint,
        !readyDynamoDb.managed
          ? '(DYNAMODB_ENDPOINT)'
          : readyDynamoDb.persistDir
            ? `(persisted in ${readyDynamoDb.persistDir})`
            : '(in memory)',
        '',
      ],
    ],
  });
  output.ready(readyMs, readyGateway.url);
  readyFleet.stackIsReady();
  readyDynamoDb.watch(
    () => reportFailure(new ChildExitedError('dynamodb', null, null, [])),
    () => status === 'ready',
  );

  let stopping: Promise<void> | undefined;
  return {
    gatewayUrl: readyGateway.url,
    dynamodbEndpoint: readyDynamoDb.endpoint,
    services: readyFleet.running(),
    readyMs,
    failed,
    info,
    stop() {
      stopping ??= shutdown();
      return stopping;
    },
  };
}
