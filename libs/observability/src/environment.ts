/** Service name used when neither `SERVICE_NAME` nor `POWERTOOLS_SERVICE_NAME` is set (Powertools' own default). */
const DEFAULT_SERVICE = 'service_undefined';
/** Stage used when `STAGE` is not set. */
const DEFAULT_STAGE = 'stage_undefined';
/** Log level used when `LOG_LEVEL` is not set. */
const DEFAULT_LOG_LEVEL = 'info';
/** CloudWatch namespace used when `POWERTOOLS_METRICS_NAMESPACE` is not set. */
const DEFAULT_METRICS_NAMESPACE = 'ServerlessFactory';

/** The settings this lib reads from the environment, with defaults applied. */
export interface ObservabilityEnvironment {
  service: string;
  stage: string;
  logLevel: string;
  metricsNamespace: string;
  metricsDisabled: boolean;
  functionName: string | undefined;
}

/** An environment variable's value, or undefined when it is unset or blank. */
function readVariable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** `true`, `1`, `yes` and `on` (any case) are true; anything else, or unset, is false. */
function readFlag(env: NodeJS.ProcessEnv, name: string): boolean {
  return ['true', '1', 'yes', 'on'].includes((readVariable(env, name) ?? '').toLowerCase());
}

/**
 * Reads `SERVICE_NAME` (or `POWERTOOLS_SERVICE_NAME`), `STAGE`, `LOG_LEVEL`,
 * `POWERTOOLS_METRICS_NAMESPACE`, `POWERTOOLS_METRICS_DISABLED` and `AWS_LAMBDA_FUNCTION_NAME`.
 * Called once per logger or metrics instance, so the shared instances read the environment once.
 */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): ObservabilityEnvironment {
  return {
    service:
      readVariable(env, 'SERVICE_NAME') ?? readVariable(env, 'POWERTOOLS_SERVICE_NAME') ?? DEFAULT_SERVICE,
    stage: readVariable(env, 'STAGE') ?? DEFAULT_STAGE,
    logLevel: readVariable(env, 'LOG_LEVEL') ?? DEFAULT_LOG_LEVEL,
    metricsNamespace: readVariable(env, 'POWERTOOLS_METRICS_NAMESPACE') ?? DEFAULT_METRICS_NAMESPACE,
    metricsDisabled: readFlag(env, 'POWERTOOLS_METRICS_DISABLED'),
    functionName: readVariable(env, 'AWS_LAMBDA_FUNCTION_NAME'),
  };
}
