#!/usr/bin/env node
/* The local stack (`make dev`): DynamoDB Local, tables from IaC, serverless-offline per service,
 * and one gateway in front of them. Ctrl-C stops everything. */
import { createConnection } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createTableFromCloudFormation,
  findFreePort,
  localDynamoDbClient,
  startDynamoDbLocal,
  tablesFromConfig,
  type DynamoDbLocal,
} from '@platform/testing';
import { ChildRegistry } from '../children';
import { startGateway } from '../gateway';
import { offlineAwsEnvironment, printServiceConfig, serverlessEntry } from '../serverless-cli';
import { discoverServices } from '../services';

const workspaceRoot = resolve(__dirname, '../../../..');
const STAGE = 'local';

const HELP = `Usage: make dev [SERVICES=a,b] [PERSIST=DIR]
       npx tsx tools/local/src/cli/dev.ts [--services a,b] [--persist DIR]

Runs every service locally behind one gateway (GATEWAY_PORT, default 3000):
DynamoDB Local (in memory unless --persist), each service's tables created from its
serverless.yml, serverless-offline per service. Ctrl-C stops everything.

Environment:
  GATEWAY_PORT        gateway port (default 3000)
  DYNAMODB_ENDPOINT   use this DynamoDB instead of starting DynamoDB Local
`;

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolvePort, reject) => {
    const attempt = (): void => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolvePort();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 150);
      });
    };
    attempt();
  });
}

async function main(): Promise<void> {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const { values } = parseArgs({
    options: {
      services: { type: 'string' },
      persist: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const started = performance.now();
  const gatewayPort = Number(process.env['GATEWAY_PORT'] ?? 3000);
  const services = discoverServices(workspaceRoot, values.services?.split(',').filter(Boolean));
  const children = new ChildRegistry((name, line) => log(`[${name}] ${line}`));
  let dynamo: DynamoDbLocal | undefined;
  let stopping = false;

  const stop = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      log('stopping…');
      await children.stopAll();
      await dynamo?.stop();
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  let endpoint = process.env['DYNAMODB_ENDPOINT'];
  if (!endpoint) {
    log(
      'dynamodb  starting DynamoDB Local' +
        (values.persist ? ` (persisting to ${values.persist})` : ' (in memory)'),
    );
    dynamo = await startDynamoDbLocal(values.persist ? { persistDir: values.persist } : {});
    endpoint = dynamo.endpoint;
    log(`dynamodb  ready on ${endpoint} in ${(dynamo.startupMs / 1000).toFixed(1)} s`);
  }
  const client = localDynamoDbClient(endpoint);

  const routes: Array<{ service: string; port: number }> = [];
  await Promise.all(
    services.map(async (service) => {
      log(`${service.name}  resolving serverless.yml (serverless print)`);
      const config = await printServiceConfig(workspaceRoot, service.dir, STAGE);
      for (const table of tablesFromConfig(config)) {
        const tableName = String(table.properties['TableName']);
        const { created } = await createTableFromCloudFormation(client, table, tableName);
        log(`${service.name}  table ${tableName} ${created ? 'created' : 'exists'}`);
      }
      const httpPort = await findFreePort();
      const lambdaPort = await findFreePort();
      children.spawn(
        service.name,
        process.execPath,
        [
          serverlessEntry(workspaceRoot),
          'offline',
          'start',
          '--stage',
          STAGE,
          '--host',
          '127.0.0.1',
          '--httpPort',
          String(httpPort),
          '--lambdaPort',
          String(lambdaPort),
          '--websocketPort',
          String(await findFreePort()),
          '--albPort',
          String(await findFreePort()),
          '--noAuth',
          '--noTimeout',
          '--localEnvironment',
        ],
        {
          cwd: service.dir,
          env: { ...offlineAwsEnvironment(), DYNAMODB_ENDPOINT: endpoint, POWERTOOLS_TRACE_ENABLED: 'false' },
        },
      );
      await waitForPort(httpPort, 60_000);
      log(`${service.name}  offline on http://127.0.0.1:${httpPort}`);
      routes.push({ service: service.name, port: httpPort });
    }),
  );
  client.destroy();

  await startGateway({ port: gatewayPort, routes });
  log('');
  log('service    url');
  for (const route of routes.sort((a, b) => a.service.localeCompare(b.service))) {
    log(
      `${route.service.padEnd(10)} http://127.0.0.1:${gatewayPort}/${route.service}/  (direct: http://127.0.0.1:${route.port})`,
    );
  }
  log(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
