import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevIssuer } from '@platform/auth/dev-issuer';
import {
  createTableFromCloudFormation,
  localDynamoDbClient,
  startDynamoDbLocal,
  tablesFromConfig,
  type DynamoDbLocal,
} from '@platform/testing';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONSOLE_PATH, createConsole } from './console/console-server';
import { MetricHistory } from './console/metric-history';
import { RequestLog } from './console/request-log';
import { ServiceLogStore } from './console/service-log-store';
import { ChildRegistry, type ChildExit, type StackChild } from './children';
import { cursorSecret } from './cursor-secret';
import { startOrphanReaper } from './orphan-reaper';
import { looksLikeEmf, parseEmfLine } from './emf-record';
import {
  ChildExitedError,
  DynamoDbUnavailableError,
  LocalStackError,
  ServiceStartError,
  startFailureReason,
} from './errors';
import {
  JWKS_PATH,
  LAMBDA_PATH,
  METRICS_PATH,
  STACK_PATH,
  startGateway,
  type AcquiredService,
  type Gateway,
} from './gateway';
import { OnDemandServices } from './on-demand';
import { allocatePorts, allocateServicePorts, assertPortFree, waitForPort, type ServicePorts } from './ports';
import { PrometheusRegistry } from './prometheus-registry';
import { LOCAL_START_CONFIG_VARIABLE, offlineStartArgs } from './serverless-cli';
import { serviceEnvironment } from './service-environment';
import {
  esbuildWatchSettings,
  watchService,
  type EsbuildWatchSettings,
  type ServiceWatch,
  type StaleKind,
} from './service-watch';
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

/** One service of a running stack. */
interface RunningService {
  readonly name: string;
  readonly dir: string;
  readonly ports: ServicePorts;
  /** Its serverless-offline's pid (changes when the stack restarts it). */
  pid(): number | undefined;
  /** How many times the stack restarted it (sources changed while serverless-esbuild's watcher was blind, build folder removed). */
  restarts(): number;
  readonly tables: readonly string[];
}

/** What `/_stack` answers: the stack's parts and where they are. */
export interface StackInfo {
  status: 'starting' | 'ready' | 'stopping';
  stage: string;
  pid: number;
  gateway: { url: string; jwks: string; metrics: string };
  dynamodb: { endpoint: string; managed: boolean; pid: number | undefined; persistDir: string | undefined };
  services: Array<{
    name: string;
    /** `stopped`: started on demand, not running now (its next request starts it). */
    status: ServiceState['status'];
    /** `at-once`: started with the stack, with hot reload; `on-demand`: started by its first request, stopped when idle. */
    start: 'at-once' | 'on-demand';
    url: string;
    direct: string;
    /** The gateway's Lambda endpoint of the service (starts it when it is not running). */
    lambdaEndpoint: string;
    /** Its serverless-offline's own Lambda port (answers only while it runs). */
    lambdaDirect: string;
    pid: number | undefined;
    restarts: number;
    tables: string[];
    hotReload: 'serverless-esbuild' | 'restart';
  }>;
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

/** How often a started DynamoDB Local is checked for being alive. */
const DYNAMODB_WATCH_MS = 1000;

interface ServiceState {
  readonly service: LocalService;
  readonly ports: ServicePorts;
  readonly onDemand: boolean;
  child: StackChild | undefined;
  /**
   * `broken`: a restart failed (a build error, say); the next source change tries again. `stopped`:
   * a service started on demand that does not run now.
   */
  status: 'starting' | 'ready' | 'restarting' | 'broken' | 'stopped';
  /** Its tables are created (once per stack, when it first starts). */
  tablesCreated: boolean;
  tables: string[];
  restarts: number;
  watchSettings: EsbuildWatchSettings | undefined;
  watch: ServiceWatch | undefined;
  /** A restart asked for while one runs: done once it ends. */
  restartAgain: string | undefined;
  /** Its serverless-offline reported a failure while starting (it may then hang rather than exit). */
  startFailed: boolean;
}

/**
 * How a serverless command reports a failure (osls's `Error:` block, esbuild's `✘ [ERROR]`). A build
 * error leaves `serverless offline` running without ever listening: this is how the stack knows.
 */
const START_FAILURE = /^(Error:|✘ \[ERROR\])/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

async function checkDynamoDb(endpoint: string): Promise<void> {
  const client = localDynamoDbClient(endpoint);
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(5000) });
  } catch (cause) {
    throw new DynamoDbUnavailableError(
      `DYNAMODB_ENDPOINT ${endpoint} does not answer (${cause instanceof Error ? cause.message : String(cause)}): ` +
        'start that DynamoDB, or unset DYNAMODB_ENDPOINT to let the stack start DynamoDB Local.',
      { cause },
    );
  } finally {
    client.destroy();
  }
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

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * Starts the local stack: the gateway (first, so a taken port fails at once), DynamoDB Local (or
 * the given endpoint), each service's tables from its `serverless print`ed resources, and
 * serverless-offline per service on ports allocated up front and wired together through the
 * environment ({@link serviceEnvironment}). Prints one line per step, then the URL table and the
 * `ready in N.N s` line; from then on every child's output, through `output`. The services' EMF
 * lines feed the gateway's `/metrics`.
 *
 * Handlers reload on change through serverless-esbuild's watcher; when the service's config leaves
 * that watcher blind, or its build folder is deleted under it, the stack restarts that one
 * service instead (a line says so). On any start-up failure (or `signal` aborting) everything
 * started so far is stopped and the error thrown.
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
  const stage = LOCAL_STAGE;
  const output = options.output;
  const abort = new AbortController();
  const aborted = rejectOnAbort(abort.signal);
  aborted.catch(() => undefined);
  const onOuterAbort = (): void => abort.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.signal?.aborted) onOuterAbort();

  const metrics = new PrometheusRegistry({ stage });
  // What the console (/_console) shows: requests, log lines and metrics over time, kept in memory.
  const requestLog = new RequestLog();
  const serviceLogs = new ServiceLogStore();
  const metricHistory = new MetricHistory();
  let status: StackInfo['status'] = 'starting';
  let reportFailure: (error: ChildExitedError) => void = () => undefined;
  const failed = new Promise<ChildExitedError>((resolveFailure) => {
    reportFailure = resolveFailure;
  });
  const states = new Map<string, ServiceState>();

  const sink = (name: string, line: string, stream: 'stdout' | 'stderr'): void => {
    if (looksLikeEmf(line)) {
      const records = parseEmfLine(line);
      if (records) {
        metrics.record(name, records);
        metricHistory.record(name, records);
      }
    } else if (states.has(name)) {
      serviceLogs.add(name, line);
    }
    // A service's start-up banner is noise: its lines are shown once it is ready (and kept for errors).
    const state = states.get(name);
    if (state && state.status !== 'ready' && START_FAILURE.test(line)) state.startFailed = true;
    if (status === 'ready' && (state === undefined || state.status === 'ready'))
      output.childLine(name, line, stream);
  };
  let onDemand: OnDemandServices | undefined;
  const onChildExit = (child: StackChild, exit: ChildExit): void => {
    const state = states.get(child.name);
    // A service being restarted that exits (its build failed) is the restart's to report.
    if (state?.status === 'restarting') return;
    // One started on demand that dies is started again by its next request; the stack goes on.
    if (state?.onDemand && status === 'ready') {
      if (state.status === 'ready') {
        state.status = 'stopped';
        onDemand?.exited(child.name);
        output.notice(
          `${child.name} exited (${exit.signal ?? `code ${exit.code}`}); its next request starts it again`,
          'warn',
        );
      }
      return;
    }
    const error = new ChildExitedError(child.name, exit.code, exit.signal, child.recentOutput());
    if (status === 'starting') abort.abort(error);
    else if (status === 'ready') reportFailure(error);
  };
  // Whatever happens to this process (a launcher's SIGKILL included), no child outlives it.
  const reaper = startOrphanReaper();
  const children = new ChildRegistry(sink, onChildExit, reaper);

  const issuer = await loadOrCreateDevIssuer();
  // Each serverless-offline writes its resolved configuration here (see launch); gone with the stack.
  const runDir = mkdtempSync(join(tmpdir(), 'serverless-factory-stack-'));
  const serviceNames = options.services.map((service) => service.name);
  let dynamo: DynamoDbLocal | undefined;
  let dynamoStarting: Promise<unknown> = Promise.resolve();
  let dynamodbEndpoint = options.dynamodbEndpoint ?? '';
  let gateway: Gateway | undefined;
  let environment: NodeJS.ProcessEnv = {};

  const info = (): StackInfo => {
    const url = gateway?.url ?? '';
    return {
      status,
      stage,
      pid: process.pid,
      gateway: { url, jwks: `${url}${JWKS_PATH}`, metrics: `${url}${METRICS_PATH}` },
      dynamodb: {
        endpoint: dynamodbEndpoint,
        managed: !options.dynamodbEndpoint,
        pid: dynamo?.pid,
        persistDir: options.dynamodbEndpoint || !options.persistDir ? undefined : resolve(options.persistDir),
      },
      services: options.services.map((service) => {
        const state = states.get(service.name);
        return {
          name: service.name,
          status: state?.status ?? 'starting',
          start: state?.onDemand ? 'on-demand' : 'at-once',
          url: `${url}/${service.name}/`,
          direct: state ? `http://127.0.0.1:${state.ports.http}` : '',
          lambdaEndpoint: `${url}${LAMBDA_PATH}/${service.name}`,
          lambdaDirect: state ? `http://127.0.0.1:${state.ports.lambda}` : '',
          pid: state?.child?.process.pid,
          restarts: state?.restarts ?? 0,
          tables: state?.tables ?? [],
          hotReload: state?.watchSettings?.blindBecause === undefined ? 'serverless-esbuild' : 'restart',
        };
      }),
    };
  };

  let watchTimer: NodeJS.Timeout | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const shutdown = async (): Promise<void> => {
    status = 'stopping';
    if (watchTimer) clearInterval(watchTimer);
    if (idleTimer) clearInterval(idleTimer);
    for (const state of states.values()) state.watch?.close();
    options.signal?.removeEventListener('abort', onOuterAbort);
    // A DynamoDB Local still starting is awaited briefly; libs/testing's exit hook kills it otherwise.
    let startWait: NodeJS.Timeout | undefined;
    await Promise.race([
      dynamoStarting.catch(() => undefined),
      new Promise((resolveWait) => {
        startWait = setTimeout(resolveWait, 3000);
      }),
    ]);
    clearTimeout(startWait);
    await Promise.all([children.stopAll(2500), dynamo?.stop()]);
    await reaper.release();
    await gateway?.close();
    rmSync(runDir, { recursive: true, force: true });
  };

  /** Creates a service's tables in DynamoDB from its resolved resources, the first time it starts. */
  const createTables = async (state: ServiceState, config: unknown): Promise<void> => {
    if (state.tablesCreated) return;
    const name = state.service.name;
    await dynamoStarting;
    const client = localDynamoDbClient(dynamodbEndpoint);
    try {
      const created: string[] = [];
      const kept: string[] = [];
      for (const table of tablesFromConfig(config)) {
        const tableName = table.properties['TableName'];
        if (typeof tableName !== 'string' || tableName === '') {
          throw new ServiceStartError(name, `table ${table.logicalId} has no TableName once resolved`);
        }
        const { created: isNew } = await createTableFromCloudFormation(client, table, tableName);
        (isNew ? created : kept).push(tableName);
        state.tables.push(tableName);
      }
      state.tablesCreated = true;
      const parts = [
        ...(created.length > 0 ? [`tables created: ${created.join(', ')}`] : []),
        ...(kept.length > 0 ? [`tables kept: ${kept.join(', ')}`] : []),
      ];
      output.step(name, parts.length > 0 ? parts.join('; ') : 'no tables declared');
    } finally {
      client.destroy();
    }
  };

  /**
   * Starts a service's serverless-offline and resolves once its HTTP and Lambda ports answer and its
   * tables exist (read from the configuration that process resolved: no second `serverless print`).
   */
  const launch = async (state: ServiceState): Promise<void> => {
    const configFile = join(runDir, `${state.service.name}.json`);
    rmSync(configFile, { force: true });
    const child = children.spawn(
      state.service.name,
      process.execPath,
      offlineStartArgs(options.workspaceRoot, stage, state.ports),
      {
        cwd: state.service.dir,
        env: {
          ...environment,
          // @platform/serverless-plugin writes the resolved tables and watch settings there.
          [LOCAL_START_CONFIG_VARIABLE]: configFile,
          // A plain build for a service started on demand: esbuild keeps no incremental context,
          // and the plugin stops esbuild's process once the handlers are built (~400 MB less).
          ...(state.onDemand ? { ESBUILD_SKIP_REBUILD: 'true' } : {}),
        },
      },
    );
    state.child = child;
    state.startFailed = false;
    let exited = false;
    void child.exited.then(() => {
      exited = true;
    });
    const timeoutMs = options.serviceTimeoutMs ?? 120_000;
    const abandoned = (): boolean => abort.signal.aborted || exited || state.startFailed;
    try {
      await waitForPort(state.ports.http, { timeoutMs, abandoned });
      await waitForPort(state.ports.lambda, { timeoutMs, abandoned });
    } catch (cause) {
      if (abort.signal.aborted) throw cause;
      // Let the rest of the error block arrive before quoting it.
      if (state.startFailed) await new Promise((resolve) => setTimeout(resolve, 300));
      throw new ServiceStartError(
        state.service.name,
        `serverless-offline did not start: ${cause instanceof Error ? cause.message : String(cause)}. Its last output:\n` +
          child.recentOutput().join('\n'),
        { cause },
      );
    }
    if (!existsSync(configFile)) {
      throw new ServiceStartError(
        state.service.name,
        `serverless-offline started but did not write ${configFile}: add '@platform/serverless-plugin' to the plugins of its serverless.yml (serverless/service-defaults.yml lists it).`,
      );
    }
    const config: unknown = JSON.parse(readFileSync(configFile, 'utf8'));
    state.watchSettings = esbuildWatchSettings(config, state.service.dir);
    await createTables(state, config);
  };

  /**
   * Watches a started service's sources for what serverless-esbuild's own watcher misses (its config
   * leaves it blind, its build folder deleted): the service is restarted then. Once per service.
   */
  const watchForRestart = (state: ServiceState): void => {
    const settings = state.watchSettings;
    if (!settings || state.watch || status !== 'ready') return;
    state.watch = watchService(
      state.service.dir,
      settings,
      (reason, kind) => void restart(state, reason, kind),
      () => state.status !== 'ready',
    );
  };

  /**
   * Restarts one service in place (same ports, same environment): the gateway answers 503
   * meanwhile. When the new one does not start (a syntax error in a handler, say), the service stays
   * down, its output says why, and the next source change tries again.
   */
  const restart = async (state: ServiceState, reason: string, kind: StaleKind): Promise<void> => {
    if (status !== 'ready' || state.status === 'stopped') return;
    if (state.status === 'broken' && kind === 'build-folder') return;
    if (state.status === 'restarting') {
      state.restartAgain = reason;
      return;
    }
    const name = state.service.name;
    const begun = performance.now();
    state.status = 'restarting';
    gateway?.setRoute(name, undefined);
    output.step(name, `restarting: ${reason}`);
    try {
      if (state.child) await children.stopChild(state.child);
      if (status !== 'ready') return;
      await launch(state);
      state.restarts += 1;
      state.status = 'ready';
      gateway?.setRoute(name, state.ports.http);
      output.step(
        name,
        `listening on :${state.ports.http} (restarted in ${seconds(performance.now() - begun)})`,
      );
    } catch (error) {
      if (status !== 'ready') return;
      state.status = 'broken';
      if (state.child) await children.stopChild(state.child);
      output.notice(`${name}: ${error instanceof Error ? error.message : String(error)}`, 'error');
      output.step(name, 'down until its next source change (the gateway answers 503)');
    }
    const again = state.restartAgain;
    state.restartAgain = undefined;
    if (again !== undefined) await restart(state, again, 'source');
  };

  /** The ports of a service for one exchange through the gateway, started first when it runs on demand. */
  const acquireService = async (name: string): Promise<AcquiredService> => {
    const state = states.get(name);
    if (!state) throw new LocalStackError(`${name} is not a service of this stack.`);
    const release = state.onDemand && onDemand ? await onDemand.acquire(name) : () => undefined;
    if (state.status !== 'ready') {
      release();
      throw new LocalStackError(
        state.status === 'broken'
          ? `${name} is down until its next source change (see its output: make logs SERVICE=${name}).`
          : `${name} is ${state.status === 'restarting' ? 'restarting' : 'starting'}.`,
      );
    }
    return { http: state.ports.http, lambda: state.ports.lambda, release };
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
        acquire: acquireService,
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
    const portsByService = await allocateServicePorts(
      serviceNames,
      new Set([gateway.port, ...(dynamodbPort === undefined ? [] : [dynamodbPort])]),
    );
    const atOnce = new Set(options.startAtOnce ?? serviceNames);
    for (const service of options.services) {
      const ports = portsByService.get(service.name);
      if (!ports) throw new LocalStackError(`no ports for ${service.name}`);
      const isOnDemand = !atOnce.has(service.name);
      states.set(service.name, {
        service,
        ports,
        onDemand: isOnDemand,
        tablesCreated: false,
        child: undefined,
        status: isOnDemand ? 'stopped' : 'starting',
        tables: [],
        restarts: 0,
        watchSettings: undefined,
        watch: undefined,
        restartAgain: undefined,
        startFailed: false,
      });
    }

    if (options.dynamodbEndpoint) {
      dynamodbEndpoint = options.dynamodbEndpoint;
      dynamoStarting = checkDynamoDb(dynamodbEndpoint).then(() =>
        output.step('dynamodb', `using ${dynamodbEndpoint} (DYNAMODB_ENDPOINT)`),
      );
    } else {
      if (dynamodbPort === undefined) throw new LocalStackError('no port for DynamoDB Local');
      if (options.dynamodbPort !== undefined) {
        await assertPortFree(dynamodbPort, 'DynamoDB Local', 'stop it, or set another DYNAMODB_PORT');
      }
      dynamodbEndpoint = `http://127.0.0.1:${dynamodbPort}`;
      const persistDir = options.persistDir ? resolve(options.persistDir) : undefined;
      output.step(
        'dynamodb',
        `starting DynamoDB Local ${persistDir ? `(persisting to ${persistDir})` : '(in memory)'}`,
      );
      dynamoStarting = startDynamoDbLocal({
        port: dynamodbPort,
        ...(persistDir ? { persistDir } : {}),
        onOutput: (line) => sink('dynamodb', line, 'stdout'),
      }).then((running) => {
        dynamo = running;
        reaper.watchPid(running.pid);
        output.step('dynamodb', `ready on ${running.endpoint} in ${seconds(running.startupMs)}`);
      });
    }

    environment = serviceEnvironment(
      {
        dynamodbEndpoint,
        gatewayPort: gateway.port,
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        cursorSecret: cursorSecret(options.persistDir),
        services: serviceNames,
      },
      options.env ?? process.env,
    );
    const readyGateway = gateway;

    const startAtOnce = async (state: ServiceState): Promise<void> => {
      const name = state.service.name;
      output.step(name, 'starting serverless-offline');
      // DynamoDB Local first: a JVM starting while three serverless-offline bundle their handlers
      // gets little CPU (here, 20 s instead of 5), and the services need it before any request.
      await dynamoStarting;
      await launch(state);
      state.status = 'ready';
      readyGateway.setRoute(name, state.ports.http);
      output.step(name, `listening on :${state.ports.http}`);
      const blind = state.watchSettings?.blindBecause;
      if (blind !== undefined) output.step(name, `reloads by restarting: ${blind} (tools/local/README.md)`);
    };
    const eager = [...states.values()].filter((state) => !state.onDemand);
    const lazy = [...states.values()].filter((state) => state.onDemand);
    if (lazy.length > 0) {
      const idleStopMs = options.idleStopMs ?? DEFAULT_IDLE_STOP_MS;
      const maxRunning = options.maxOnDemand ?? DEFAULT_MAX_ON_DEMAND;
      onDemand = new OnDemandServices(
        lazy.map((state) => state.service.name),
        {
          start: async (name) => {
            const state = states.get(name);
            if (!state) return;
            const begun = performance.now();
            state.status = 'starting';
            output.step(name, 'starting on demand');
            try {
              await dynamoStarting;
              await launch(state);
            } catch (error) {
              state.status = 'stopped';
              if (state.child) await children.stopChild(state.child);
              state.child = undefined;
              const message = error instanceof Error ? error.message : String(error);
              output.notice(`${name}: ${message}`, 'error');
              // The request that started it gets serverless's own reason in one line (a 503).
              throw new LocalStackError(
                `${name} did not start: ${startFailureReason(message)} (the stack's output has the rest)`,
                { cause: error },
              );
            }
            state.status = 'ready';
            readyGateway.setRoute(name, state.ports.http);
            output.step(
              name,
              `listening on :${state.ports.http} (started on demand in ${seconds(performance.now() - begun)})`,
            );
            watchForRestart(state);
          },
          stop: async (name, reason) => {
            const state = states.get(name);
            if (!state) return;
            state.status = 'stopped';
            readyGateway.setRoute(name, undefined);
            const child = state.child;
            state.child = undefined;
            if (child) await children.stopChild(child);
            output.step(name, reason);
          },
        },
        { idleStopMs, maxRunning },
      );
      output.step(
        'stack',
        `${lazy.length} service(s) start on their first request: ${lazy.map((state) => state.service.name).join(', ')}` +
          ` (idle ${idleStopMs > 0 ? seconds(idleStopMs) : 'never'} → stopped; at most ${maxRunning > 0 ? maxRunning : 'all'} at once)`,
      );
    }

    await Promise.race([Promise.all([dynamoStarting, ...eager.map(startAtOnce)]), aborted]);
  } catch (error) {
    const reason = abort.signal.aborted ? abort.signal.reason : error;
    abort.abort(reason);
    await shutdown();
    throw reason instanceof Error ? reason : error;
  }

  const readyGateway = gateway;
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
        dynamodbEndpoint,
        options.dynamodbEndpoint
          ? '(DYNAMODB_ENDPOINT)'
          : options.persistDir
            ? `(persisted in ${resolve(options.persistDir)})`
            : '(in memory)',
        '',
      ],
    ],
  });
  output.ready(readyMs, readyGateway.url);

  for (const state of states.values()) if (!state.onDemand) watchForRestart(state);
  const idleStopMs = options.idleStopMs ?? DEFAULT_IDLE_STOP_MS;
  if (onDemand && idleStopMs > 0) {
    const services = onDemand;
    idleTimer = setInterval(
      () => {
        if (status === 'ready') void services.stopIdle();
      },
      Math.min(5000, Math.max(250, idleStopMs / 4)),
    );
    idleTimer.unref();
  }
  const startedDynamo = dynamo;
  if (startedDynamo) {
    watchTimer = setInterval(() => {
      if (status !== 'ready' || isAlive(startedDynamo.pid)) return;
      // Ctrl-C reaches DynamoDB Local (same process group) as fast as it reaches us: look again later.
      setTimeout(() => {
        if (status === 'ready') reportFailure(new ChildExitedError('dynamodb', null, null, []));
      }, 500).unref();
    }, DYNAMODB_WATCH_MS);
    watchTimer.unref();
  }

  let stopping: Promise<void> | undefined;
  return {
    gatewayUrl: readyGateway.url,
    dynamodbEndpoint,
    services: [...states.values()].map((state) => ({
      name: state.service.name,
      dir: state.service.dir,
      ports: state.ports,
      pid: () => state.child?.process.pid,
      restarts: () => state.restarts,
      tables: [...state.tables],
    })),
    readyMs,
    failed,
    info,
    stop() {
      stopping ??= shutdown();
      return stopping;
    },
  };
}
