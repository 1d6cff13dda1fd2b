import { createTableFromCloudFormation, localDynamoDbClient, tablesFromConfig } from '@platform/testing';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildExit, ChildRegistry, StackChild } from './children';
import { LocalStackError, ServiceStartError, startFailureReason } from './errors';
import { LAMBDA_PATH, type AcquiredService } from './gateway';
import { OnDemandServices } from './on-demand';
import { waitForPort, type ServicePorts } from './ports';
import { LOCAL_START_CONFIG_VARIABLE, offlineStartArgs } from './serverless-cli';
import {
  esbuildWatchSettings,
  watchService,
  type EsbuildWatchSettings,
  type ServiceWatch,
  type StaleKind,
} from './service-watch';
import type { LocalService } from './services';
import { seconds, type StackOutput } from './stack-output';

/**
 * `broken`: a restart failed (a build error, say); the next source change tries again. `stopped`: a
 * service started on demand that does not run now (its next request starts it).
 */
type ServiceStatus = 'starting' | 'ready' | 'restarting' | 'broken' | 'stopped';

/** One service as `/_stack` describes it. */
export interface ServiceInfo {
  name: string;
  status: ServiceStatus;
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
}

/** One service of a running stack. */
export interface RunningService {
  readonly name: string;
  readonly dir: string;
  readonly ports: ServicePorts;
  /** Its serverless-offline's pid (changes when the stack restarts it). */
  pid(): number | undefined;
  /** How many times the stack restarted it (sources changed while serverless-esbuild's watcher was blind, build folder removed). */
  restarts(): number;
  readonly tables: readonly string[];
}

/** Options of {@link ServiceFleet}. */
export interface ServiceFleetOptions {
  workspaceRoot: string;
  stage: string;
  services: readonly LocalService[];
  /** Every service's ports, allocated before anything starts. */
  ports: ReadonlyMap<string, ServicePorts>;
  /** The services started with the stack; the others start on demand. */
  startAtOnce: ReadonlySet<string>;
  idleStopMs: number;
  maxOnDemand: number;
  /** How long one service may take to listen. */
  serviceTimeoutMs: number;
  /** The environment of every serverless-offline (serviceEnvironment). */
  environment: NodeJS.ProcessEnv;
  /** Where each serverless-offline writes its resolved configuration. */
  runDir: string;
  dynamodb: { endpoint: string; ready: Promise<void> };
  children: ChildRegistry;
  output: StackOutput;
  /** Aborted when the stack's start-up is abandoned. */
  signal: AbortSignal;
  /** Whether the stack is ready (restarts and the idle stop wait for it). */
  stackReady: () => boolean;
}

interface ServiceState {
  readonly service: LocalService;
  readonly ports: ServicePorts;
  readonly onDemand: boolean;
  child: StackChild | undefined;
  status: ServiceStatus;
  tables: string[];
  tablesCreated: boolean;
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

/**
 * The services of a stack and their serverless-offline processes: the one owner of each service's
 * state (ports, process, status, tables, watcher). Starts the ones named at once, the others on
 * their first request ({@link acquire}, through {@link OnDemandServices}), creates each service's
 * tables the first time it starts, restarts a service when serverless-esbuild's watcher is blind to
 * a change, and says which of a child's lines and exits are news.
 *
 * @example
 * declare const options: ServiceFleetOptions;
 * const fleet = new ServiceFleet(options);
 * await fleet.startAtOnce();
 * const held = await fleet.acquire('catalog'); // starts catalog when it runs on demand
 * held.release();
 */
export class ServiceFleet {
  private readonly states = new Map<string, ServiceState>();
  private readonly onDemand: OnDemandServices | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ServiceFleetOptions) {
    for (const service of options.services) {
      const ports = options.ports.get(service.name);
      if (!ports) throw new LocalStackError(`no ports for ${service.name}`);
      const onDemand = !options.startAtOnce.has(service.name);
      this.states.set(service.name, {
        service,
        ports,
        onDemand,
        child: undefined,
        status: onDemand ? 'stopped' : 'starting',
        tables: [],
        tablesCreated: false,
        restarts: 0,
        watchSettings: undefined,
        watch: undefined,
        restartAgain: undefined,
        startFailed: false,
      });
    }
    const lazy = options.services.filter((service) => !options.startAtOnce.has(service.name));
    if (lazy.length === 0) return;
    this.onDemand = new OnDemandServices(
      lazy.map((service) => service.name),
      { start: (name) => this.startOnDemand(name), stop: (name, reason) => this.stopOnDemand(name, reason) },
      { idleStopMs: options.idleStopMs, maxRunning: options.maxOnDemand },
    );
    const { idleStopMs, maxOnDemand } = options;
    options.output.step(
      'stack',
      `${lazy.length} service(s) start on their first request: ${lazy.map((service) => service.name).join(', ')}` +
        ` (idle ${idleStopMs > 0 ? seconds(idleStopMs) : 'never'} → stopped; at most ${maxOnDemand > 0 ? maxOnDemand : 'all'} at once)`,
    );
  }

  /** Starts every service named to start at once; resolves when all of them answer. */
  async startAtOnce(): Promise<void> {
    const eager = [...this.states.values()].filter((state) => !state.onDemand);
    await Promise.all(
      eager.map(async (state) => {
        const name = state.service.name;
        this.options.output.step(name, 'starting serverless-offline');
        // DynamoDB Local first: a JVM starting while three serverless-offline bundle their handlers
        // gets little CPU (here, 20 s instead of 5), and the services need it before any request.
        await this.options.dynamodb.ready;
        await this.launch(state);
        state.status = 'ready';
        this.options.output.step(name, `listening on :${state.ports.http}`);
        const blind = state.watchSettings?.blindBecause;
        if (blind !== undefined) {
          this.options.output.step(name, `reloads by restarting: ${blind} (tools/local/README.md)`);
        }
      }),
    );
  }

  /** Once the stack is ready: watches the services started at once, and stops idle ones on a timer. */
  stackIsReady(): void {
    for (const state of this.states.values()) if (!state.onDemand) this.watchForRestart(state);
    const { idleStopMs } = this.options;
    const services = this.onDemand;
    if (!services || idleStopMs <= 0) return;
    this.idleTimer = setInterval(
      () => {
        if (this.options.stackReady()) void services.stopIdle();
      },
      Math.min(5000, Math.max(250, idleStopMs / 4)),
    );
    this.idleTimer.unref();
  }

  /** The ports of a service for one exchange through the gateway, started first when it runs on demand. */
  async acquire(name: string): Promise<AcquiredService> {
    const state = this.states.get(name);
    if (!state) throw new LocalStackError(`${name} is not a service of this stack.`);
    const release = state.onDemand && this.onDemand ? await this.onDemand.acquire(name) : () => undefined;
    if (state.status !== 'ready') {
      release();
      throw new LocalStackError(
        state.status === 'broken'
          ? `${name} is down until its next source change (see its output: make logs SERVICE=${name}).`
          : `${name} is ${state.status === 'restarting' ? 'restarting' : 'starting'}.`,
      );
    }
    return { http: state.ports.http, lambda: state.ports.lambda, release };
  }

  /**
   * Reads one line of a child: whether to show it (a service's lines are shown once it runs; its
   * start-up banner is noise, kept for errors). A failure line while starting marks the start failed.
   */
  lineOf(name: string, line: string): { service: boolean; show: boolean } {
    const state = this.states.get(name);
    if (!state) return { service: false, show: true };
    if (state.status !== 'ready' && START_FAILURE.test(line)) state.startFailed = true;
    return { service: true, show: state.status === 'ready' };
  }

  /**
   * A child exited although nobody stopped it: `true` when that is this fleet's business (a restart
   * under way; a service started on demand, whose start fails or whose next request starts it
   * again), `false` when the stack should fail.
   */
  childExited(child: StackChild, exit: ChildExit): boolean {
    const state = this.states.get(child.name);
    if (!state) return false;
    if (state.status === 'restarting') return true;
    if (!state.onDemand) return false;
    // Exiting while it starts fails its start (and the request that asked for it), not the stack.
    if (state.status === 'ready') {
      state.status = 'stopped';
      this.onDemand?.exited(child.name);
      this.options.output.notice(
        `${child.name} exited (${exit.signal ?? `code ${exit.code}`}); its next request starts it again`,
        'warn',
      );
    }
    return true;
  }

  /** `/_stack`'s view of every service, under the gateway's URL. */
  info(gatewayUrl: string): ServiceInfo[] {
    return [...this.states.values()].map((state) => ({
      name: state.service.name,
      status: state.status,
      start: state.onDemand ? 'on-demand' : 'at-once',
      url: `${gatewayUrl}/${state.service.name}/`,
      direct: `http://127.0.0.1:${state.ports.http}`,
      lambdaEndpoint: `${gatewayUrl}${LAMBDA_PATH}/${state.service.name}`,
      lambdaDirect: `http://127.0.0.1:${state.ports.lambda}`,
      pid: state.child?.process.pid,
      restarts: state.restarts,
      tables: [...state.tables],
      hotReload: state.watchSettings?.blindBecause === undefined ? 'serverless-esbuild' : 'restart',
    }));
  }

  running(): RunningService[] {
    return [...this.states.values()].map((state) => ({
      name: state.service.name,
      dir: state.service.dir,
      ports: state.ports,
      pid: () => state.child?.process.pid,
      restarts: () => state.restarts,
      tables: [...state.tables],
    }));
  }

  /** Stops watching and the idle timer (the processes are the child registry's to stop). */
  close(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    for (const state of this.states.values()) state.watch?.close();
  }

  private async startOnDemand(name: string): Promise<void> {
    const state = this.states.get(name);
    if (!state) return;
    const { output, children } = this.options;
    const begun = performance.now();
    state.status = 'starting';
    output.step(name, 'starting on demand');
    try {
      await this.options.dynamodb.ready;
      await this.launch(state);
    } catch (error) {
      state.status = 'stopped';
      const child = state.child;
      state.child = undefined;
      if (child) await children.stopChild(child);
      const message = error instanceof Error ? error.message : String(error);
      output.notice(`${name}: ${message}`, 'error');
      // The request that started it gets serverless's own reason in one line (a 503).
      const reason = startFailureReason(child?.recentOutput() ?? []) ?? message.split('\n')[0];
      throw new LocalStackError(`${name} did not start: ${reason} (the stack's output has the rest)`, {
        cause: error,
      });
    }
    state.status = 'ready';
    output.step(
      name,
      `listening on :${state.ports.http} (started on demand in ${seconds(performance.now() - begun)})`,
    );
    this.watchForRestart(state);
  }

  private async stopOnDemand(name: string, reason: string): Promise<void> {
    const state = this.states.get(name);
    if (!state) return;
    state.status = 'stopped';
    const child = state.child;
    state.child = undefined;
    if (child) await this.options.children.stopChild(child);
    this.options.output.step(name, reason);
  }

  /** Creates a service's tables in DynamoDB from its resolved resources, the first time it starts. */
  private async createTables(state: ServiceState, config: unknown): Promise<void> {
    if (state.tablesCreated) return;
    const name = state.service.name;
    await this.options.dynamodb.ready;
    const client = localDynamoDbClient(this.options.dynamodb.endpoint);
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
      this.options.output.step(name, parts.length > 0 ? parts.join('; ') : 'no tables declared');
    } finally {
      client.destroy();
    }
  }

  /**
   * Starts a service's serverless-offline and resolves once its HTTP and Lambda ports answer and its
   * tables exist (read from the configuration that process resolved: no second `serverless print`).
   */
  private async launch(state: ServiceState): Promise<void> {
    const { options } = this;
    const configFile = join(options.runDir, `${state.service.name}.json`);
    rmSync(configFile, { force: true });
    const child = options.children.spawn(
      state.service.name,
      process.execPath,
      offlineStartArgs(options.workspaceRoot, options.stage, state.ports),
      {
        cwd: state.service.dir,
        env: {
          ...options.environment,
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
    const timeoutMs = options.serviceTimeoutMs;
    const abandoned = (): boolean => options.signal.aborted || exited || state.startFailed;
    try {
      await waitForPort(state.ports.http, { timeoutMs, abandoned });
      await waitForPort(state.ports.lambda, { timeoutMs, abandoned });
    } catch (cause) {
      if (options.signal.aborted) throw cause;
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
    await this.createTables(state, config);
  }

  /**
   * Watches a started service's sources for what serverless-esbuild's own watcher misses (its config
   * leaves it blind, its build folder deleted): the service is restarted then. Once per service.
   */
  private watchForRestart(state: ServiceState): void {
    const settings = state.watchSettings;
    if (!settings || state.watch || !this.options.stackReady()) return;
    state.watch = watchService(
      state.service.dir,
      settings,
      (reason, kind) => void this.restart(state, reason, kind),
      () => state.status !== 'ready',
    );
  }

  /**
   * Restarts one service in place (same ports, same environment): the gateway answers 503
   * meanwhile. When the new one does not start (a syntax error in a handler, say), the service stays
   * down, its output says why, and the next source change tries again.
   */
  private async restart(state: ServiceState, reason: string, kind: StaleKind): Promise<void> {
    const { output, children, stackReady } = this.options;
    if (!stackReady() || state.status === 'stopped') return;
    if (state.status === 'broken' && kind === 'build-folder') return;
    if (state.status === 'restarting') {
      state.restartAgain = reason;
      return;
    }
    const name = state.service.name;
    const begun = performance.now();
    state.status = 'restarting';
    output.step(name, `restarting: ${reason}`);
    try {
      if (state.child) await children.stopChild(state.child);
      if (!stackReady()) return;
      await this.launch(state);
      state.restarts += 1;
      state.status = 'ready';
      output.step(
        name,
        `listening on :${state.ports.http} (restarted in ${seconds(performance.now() - begun)})`,
      );
    } catch (error) {
      if (!stackReady()) return;
      state.status = 'broken';
      if (state.child) await children.stopChild(state.child);
      output.notice(`${name}: ${error instanceof Error ? error.message : String(error)}`, 'error');
      output.step(name, 'down until its next source change (the gateway answers 503)');
    }
    const again = state.restartAgain;
    state.restartAgain = undefined;
    if (again !== undefined) await this.restart(state, again, 'source');
  }
}
