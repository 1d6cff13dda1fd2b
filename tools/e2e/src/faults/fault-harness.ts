import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { leftoverProcesses, spawnDevStack, WORKSPACE_ROOT, type DevStackProcess } from '@platform/local';
import { startDynamoDbLocal, type DynamoDbLocal } from '@platform/testing';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { ApiClient } from '../api-client';
import { RunNames } from '../e2e-config';
import { E2eError } from '../errors';
import { tokenSourceFromEnv, type TokenSource } from '../token-source';
import { startDynamoDbFaultProxy, type DynamoDbFaultProxy } from './dynamodb-fault-proxy';

/** Every scope the sample services know. */
const ALL_SCOPES = 'catalog:read catalog:write inventory:read inventory:write orders:read orders:write';

/** The gateway ports the fault suite may use (others use 3000 and 3310–3329). */
const GATEWAY_PORTS = [3330, 3331, 3332, 3333, 3334, 3335, 3336, 3337, 3338, 3339];

/** The stack's last line when it stops (tools/local's dev CLI). */
const STOPPED_LINE = /stopped in \d+(\.\d+)? s/;

/** The hold sweeper: an internal inventory function, invoked by a schedule in AWS. */
const SWEEP_FUNCTION = 'inventory-local-sweepHolds';

/** The harness could not start, restart or reach a part of the stack. */
class FaultHarnessError extends E2eError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FaultHarnessError';
  }
}

/** One sku's stock and orders, read from DynamoDB Local directly (not through the proxy). */
interface SkuLedger {
  sku: string;
  /** What the test put with `PUT /inventory/stock/{sku}`. */
  put: number;
  available: number | undefined;
  reserved: number | undefined;
  /** Sum of `qty` of this sku over the tenant's CONFIRMED orders. */
  confirmed: number;
}

/** The invariant of one tenant: per sku, available + reserved = put, and reserved = confirmed. */
export interface InvariantReport {
  skus: SkuLedger[];
  /** One sentence per broken rule; empty when the invariant holds. */
  violations: string[];
}

/** Options of {@link startFaultHarness}. */
export interface FaultHarnessOptions {
  /** Extra environment of the stack and its services (timeouts the services read from env). */
  env?: NodeJS.ProcessEnv;
  /** The gateway's port (default: env `FAULTS_GATEWAY_PORT`, else the first free of 3330–3339). */
  gatewayPort?: number;
  /** Where the stack's output goes (default `reports/e2e-faults/stack.log`). */
  logFile?: string;
}

/** DynamoDB Local, the fault proxy in front of it, and the local stack using the proxy. */
export interface FaultHarness {
  /** The API through the stack's gateway. */
  readonly api: ApiClient;
  readonly tokens: TokenSource;
  readonly names: RunNames;
  readonly proxy: DynamoDbFaultProxy;
  readonly gatewayUrl: string;
  /** Each service's tables (`orders` → `['orders-local']`), from the stack's `/_stack`. */
  readonly tables: Readonly<Record<string, readonly string[]>>;
  /** A token of `sub` in `tenant` with `scope` (default: every scope), from the dev issuer. */
  token(tenant: string, sub: string, scope?: string): Promise<string>;
  /** Invokes `inventory-local-sweepHolds` with `{}` on inventory's Lambda port; its answer. */
  sweep(): Promise<unknown>;
  /**
   * SIGKILLs the service's serverless-offline (its process group: a crash, no clean-up) and, since
   * the stack stops when one of its services dies, starts the stack again on the same gateway port
   * and the same DynamoDB. Resolves once it is ready again.
   */
  killService(name: string): Promise<{ killedPid: number; stoppedByItself: boolean; restartMs: number }>;
  /** The invariant for `tenant`, given what was put per sku, read from DynamoDB Local directly. */
  invariant(tenant: string, put: Readonly<Record<string, number>>): Promise<InvariantReport>;
  /** Stops the stack (checking that nothing of it is left), the proxy and DynamoDB Local. */
  stop(): Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

async function gatewayPortFromEnv(env: NodeJS.ProcessEnv): Promise<number> {
  const text = env['FAULTS_GATEWAY_PORT']?.trim();
  if (text) {
    const port = Number(text);
    if (!Number.isInteger(port) || port <= 0 || port >= 65536) {
      throw new FaultHarnessError(`FAULTS_GATEWAY_PORT must be a port number, not "${text}"`);
    }
    return port;
  }
  for (const port of GATEWAY_PORTS) if (await portIsFree(port)) return port;
  throw new FaultHarnessError(
    `no free gateway port in ${GATEWAY_PORTS[0]}–${GATEWAY_PORTS.at(-1)}: set FAULTS_GATEWAY_PORT`,
  );
}

async function scanAll(
  client: DynamoDBDocumentClient,
  table: string,
  filter: { expression: string; names: Record<string, string>; values: Record<string, unknown> },
): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: filter.expression,
        ExpressionAttributeNames: filter.names,
        ExpressionAttributeValues: filter.values,
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as Array<Record<string, unknown>>));
    start = page.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (start);
  return items;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/**
 * Starts DynamoDB Local (libs/testing's starter, as tools/local uses it), the DynamoDB fault proxy
 * in front of it, and the local stack (`spawnDevStack`, as `make e2e` starts it) with
 * `DYNAMODB_ENDPOINT` = the proxy, so every DynamoDB call of every service passes through the
 * proxy's rules. The invariants are read from DynamoDB Local itself, never through the proxy.
 *
 * @example
 * const harness = await startFaultHarness({ env: { CATALOG_TIMEOUT_MS: '1500' } });
 * try {
 *   harness.proxy.addRule({ table: harness.tables['catalog'], action: { kind: 'internal-error' } });
 *   // … place an order, check the answer, then:
 *   const report = await harness.invariant('tenant-a', { 'SKU-1': 10 });
 * } finally {
 *   await harness.stop();
 * }
 */
export async function startFaultHarness(options: FaultHarnessOptions = {}): Promise<FaultHarness> {
  const logFile = options.logFile ?? join(WORKSPACE_ROOT, 'reports', 'e2e-faults', 'stack.log');
  mkdirSync(dirname(logFile), { recursive: true });
  const log: WriteStream = createWriteStream(logFile, { flags: 'a' });
  const gatewayPort = options.gatewayPort ?? (await gatewayPortFromEnv(process.env));

  let dynamo: DynamoDbLocal | undefined;
  let proxy: DynamoDbFaultProxy | undefined;
  let stack: DevStackProcess | undefined;
  /** Clients to destroy on stop. */
  const clients: Array<{ destroy(): void }> = [];

  const startStack = (): Promise<DevStackProcess> => {
    if (!proxy) throw new FaultHarnessError('the fault proxy is not running');
    log.write(`--- starting the stack on :${gatewayPort} with DYNAMODB_ENDPOINT=${proxy.url}\n`);
    return spawnDevStack({
      args: ['--services', 'all'],
      gatewayPort,
      env: { ...options.env, DYNAMODB_ENDPOINT: proxy.url },
      onLine: (line) => log.write(`${line}\n`),
    });
  };

  const stopAll = async (): Promise<void> => {
    const problems: string[] = [];
    if (stack) {
      const info = await stack.info().catch(() => undefined);
      const before = stack.processes();
      await stack.stop('SIGINT').catch((error: unknown) => problems.push((error as Error).message));
      for (const entry of info ? leftoverProcesses(before, info) : []) {
        problems.push(`left running, killed: pid ${entry.pid} ${entry.command}`);
        try {
          process.kill(entry.pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
    for (const client of clients) client.destroy();
    await proxy?.close();
    await dynamo?.stop();
    await new Promise<void>((resolveEnd) => log.end(() => resolveEnd()));
    if (problems.length > 0)
      throw new FaultHarnessError(`the stack did not stop cleanly:\n${problems.join('\n')}`);
  };

  try {
    dynamo = await startDynamoDbLocal({ onOutput: (line) => log.write(`[dynamodb] ${line}\n`) });
    proxy = await startDynamoDbFaultProxy({ target: dynamo.endpoint });
    stack = await startStack();
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
  const info = await stack.info();
  const tables = Object.fromEntries(info.services.map((service) => [service.name, service.tables]));
  const directClient = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  clients.push(directClient);
  const gatewayUrl = stack.gatewayUrl;
  const tokens = tokenSourceFromEnv(gatewayUrl, { ...process.env, E2E_TOKEN_COMMAND: '' });
  const runningProxy = proxy;

  const tableOf = (service: string): string => {
    const [table] = tables[service] ?? [];
    if (!table) throw new FaultHarnessError(`the stack has no table of ${service}`);
    return table;
  };

  const serviceInfo = async (name: string) => {
    if (!stack) throw new FaultHarnessError('the stack is not running');
    const found = (await stack.info()).services.find((service) => service.name === name);
    if (!found) throw new FaultHarnessError(`the stack runs no service ${name}`);
    return found;
  };

  return {
    api: new ApiClient(gatewayUrl),
    tokens,
    names: new RunNames(),
    proxy: runningProxy,
    gatewayUrl,
    tables,
    token: (tenant, sub, scope = ALL_SCOPES) => tokens({ sub, tenant, scope }),

    async sweep() {
      const inventory = await serviceInfo('inventory');
      const response = await fetch(
        `${inventory.lambdaEndpoint}/2015-03-31/functions/${SWEEP_FUNCTION}/invocations`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
      );
      const text = await response.text();
      const functionError = response.headers.get('x-amz-function-error');
      if (!response.ok || functionError) {
        throw new FaultHarnessError(
          `invoking ${SWEEP_FUNCTION} failed: HTTP ${response.status}${
            functionError ? ` (${functionError})` : ''
          }: ${text.slice(0, 300)}`,
        );
      }
      return text ? (JSON.parse(text) as unknown) : undefined;
    },

    async killService(name) {
      const service = await serviceInfo(name);
      const pid = service.pid;
      if (pid === undefined) throw new FaultHarnessError(`${name} has no process to kill`);
      const killedAt = performance.now();
      log.write(`--- SIGKILL to ${name} (pid ${pid} and its process group)\n`);
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        process.kill(pid, 'SIGKILL');
      }
      // The stack does not restart a service that died: it stops itself ("exited unexpectedly").
      // Wait for that (10 s at most, then stop it), then start it again on the same port and the
      // same DynamoDB.
      const dying = stack;
      stack = undefined;
      const seen = dying?.output().length ?? 0;
      let stoppedByItself = false;
      for (let waited = 0; dying && waited < 10_000 && !stoppedByItself; waited += 100) {
        await new Promise((resolveWait) => setTimeout(resolveWait, 100));
        stoppedByItself = dying
          .output()
          .slice(seen)
          .some((line) => STOPPED_LINE.test(line));
      }
      await dying?.stop('SIGINT', { timeoutMs: 15_000 }).catch(() => undefined);
      stack = await startStack();
      const restartMs = Math.round(performance.now() - killedAt);
      log.write(
        `--- ${name} killed; the stack ${stoppedByItself ? 'stopped by itself' : 'was stopped'}; ready again ${restartMs} ms after the kill\n`,
      );
      return { killedPid: pid, stoppedByItself, restartMs };
    },

    async invariant(tenant, put) {
      const stockItems = await scanAll(directClient, tableOf('inventory'), {
        expression: 'tenantId = :tenant AND attribute_exists(#available)',
        names: { '#available': 'available' },
        values: { ':tenant': tenant },
      });
      const orderItems = await scanAll(directClient, tableOf('orders'), {
        expression: 'tenantId = :tenant AND #status = :confirmed',
        names: { '#status': 'status' },
        values: { ':tenant': tenant, ':confirmed': 'CONFIRMED' },
      });
      const confirmed = new Map<string, number>();
      for (const order of orderItems) {
        const lines = Array.isArray(order['lines']) ? (order['lines'] as Array<Record<string, unknown>>) : [];
        for (const line of lines) {
          const sku = String(line['sku']);
          confirmed.set(sku, (confirmed.get(sku) ?? 0) + (numberOf(line['qty']) ?? 0));
        }
      }
      const skus: SkuLedger[] = Object.entries(put).map(([sku, amount]) => {
        const item = stockItems.find((entry) => entry['sku'] === sku);
        return {
          sku,
          put: amount,
          available: numberOf(item?.['available']),
          reserved: numberOf(item?.['reserved']),
          confirmed: confirmed.get(sku) ?? 0,
        };
      });
      const violations: string[] = [];
      for (const ledger of skus) {
        const { sku, available, reserved } = ledger;
        if (available === undefined || reserved === undefined) {
          violations.push(`${sku}: no stock item (available ${available}, reserved ${reserved})`);
          continue;
        }
        if (available + reserved !== ledger.put) {
          violations.push(`${sku}: available ${available} + reserved ${reserved} ≠ ${ledger.put} put`);
        }
        if (reserved !== ledger.confirmed) {
          violations.push(
            `${sku}: reserved ${reserved} ≠ ${ledger.confirmed} in CONFIRMED orders (${
              reserved > ledger.confirmed ? 'stock held without an order' : 'an order without stock'
            })`,
          );
        }
      }
      for (const sku of confirmed.keys()) {
        if (!(sku in put)) violations.push(`${sku}: ordered but no stock was put for it in this test`);
      }
      return { skus, violations };
    },

    stop: stopAll,
  };
}
