export {
  LocalStackError,
  UsageError,
  UnknownServiceError,
  PortInUseError,
  ServiceStartError,
  DynamoDbUnavailableError,
  ChildExitedError,
  GatewayUnreachableError,
  StackProcessError,
  type PortOwner,
} from './errors';
export {
  startLocalStack,
  LOCAL_STAGE,
  DEFAULT_GATEWAY_CONCURRENCY,
  type LocalStack,
  type LocalStackOptions,
  type RunningService,
  type StackInfo,
} from './local-stack';
export { discoverServices, type LocalService } from './services';
export {
  startGateway,
  JWKS_PATH,
  METRICS_PATH,
  STACK_PATH,
  type Gateway,
  type GatewayOptions,
} from './gateway';
export { createStackOutput, readyLine, READY_LINE, type StackOutput, type UrlTable } from './stack-output';
export { parseEmfLine, type EmfRecord, type EmfMetric } from './emf-record';
export { PrometheusRegistry, PROMETHEUS_CONTENT_TYPE } from './prometheus-registry';
export { findPortOwner } from './port-owner';
export {
  listProcesses,
  processTree,
  stillRunning,
  processesMentioning,
  residentKib,
  type ProcessEntry,
} from './process-table';
export {
  spawnDevStack,
  leftoverProcesses,
  WORKSPACE_ROOT,
  type DevStackProcess,
  type SpawnDevStackOptions,
  type StackStop,
} from './dev-stack-process';
export { DEMO_CATALOG, SEED_SCOPES, seedDemoData, type DemoProduct, type SeededProduct } from './demo-data';
