import { join } from 'node:path';
import type { ServicePorts } from './ports';

/** The workspace's `serverless` (osls) entry point, run with this Node. */
function serverlessEntry(workspaceRoot: string): string {
  return join(workspaceRoot, 'node_modules', 'serverless', 'bin', 'serverless.js');
}

/**
 * Where `serverless offline start` writes what the stack needs of the service's resolved
 * configuration (@platform/serverless-plugin, its local-start.js, names the same variable).
 */
export const LOCAL_START_CONFIG_VARIABLE = 'LOCAL_STACK_CONFIG_FILE';

/** Environment every serverless command of the stack runs with: no AWS account needed. */
export function offlineAwsEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    AWS_REGION: base['AWS_REGION'] || 'us-east-1',
    AWS_ACCESS_KEY_ID: base['AWS_ACCESS_KEY_ID'] || 'local',
    AWS_SECRET_ACCESS_KEY: base['AWS_SECRET_ACCESS_KEY'] || 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
  };
}

/**
 * The arguments of `serverless offline start` for one service of the stack: its own ports, the
 * stage, no authorizer emulation (the handlers verify tokens themselves), no timeout, and the
 * process environment passed to the handlers.
 */
export function offlineStartArgs(workspaceRoot: string, stage: string, ports: ServicePorts): string[] {
  return [
    serverlessEntry(workspaceRoot),
    'offline',
    'start',
    '--stage',
    stage,
    '--host',
    '127.0.0.1',
    '--httpPort',
    String(ports.http),
    '--lambdaPort',
    String(ports.lambda),
    '--websocketPort',
    String(ports.websocket),
    '--albPort',
    String(ports.alb),
    '--noAuth',
    '--noTimeout',
    '--localEnvironment',
  ];
}
