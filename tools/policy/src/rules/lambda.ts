import { isExactly, referencedId, renderString } from '../intrinsics';
import { isJsonObject, objectAt, toList } from '../json-value';
import { SUPPORTED_LAMBDA_RUNTIMES } from '../lambda-runtimes';
import type { ResourceRule, Violation } from '../rule';
import { describeSecret } from '../secret-detection';
import type { TemplateContext } from '../template-context';

const FUNCTION = 'AWS::Lambda::Function';
const PERMISSION = 'AWS::Lambda::Permission';

/** One violation per function for which `problem` returns a message. */
function checkFunctions(
  context: TemplateContext,
  problem: (properties: Record<string, unknown>) => string | undefined,
): Violation[] {
  return context.ofType(FUNCTION).flatMap(([id, fn]) => {
    const message = problem(fn.Properties);
    return message ? [{ resource: id, message }] : [];
  });
}

const lambdaSupportedRuntime: ResourceRule = {
  id: 'SFP-LAMBDA-001',
  title: 'Functions use a supported runtime',
  severity: 'error',
  resourceTypes: [FUNCTION],
  description:
    'A deprecated runtime gets no security patches, and AWS blocks creating and then updating ' +
    `functions that use it. Supported: ${SUPPORTED_LAMBDA_RUNTIMES.join(', ')}.`,
  remediation: `Set \`provider.runtime\` to a supported runtime (the platform uses \`nodejs22.x\`).`,
  mappings: {
    cdkNag: ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'],
    checkov: ['CKV_AWS_363'],
    cfnNag: [],
    nist80053: ['SA-22', 'SI-2'],
  },
  check: (context) =>
    checkFunctions(context, (properties) => {
      if (isExactly(properties.PackageType, 'Image')) return undefined;
      if (properties.Runtime === undefined) return 'sets no Runtime';
      const runtime = renderString(properties.Runtime);
      if (!runtime?.exact || SUPPORTED_LAMBDA_RUNTIMES.includes(runtime.text)) return undefined;
      const family = runtime.text.replace(/[^a-z].*$/, '');
      const sameFamily =
        family === '' ? [] : SUPPORTED_LAMBDA_RUNTIMES.filter((candidate) => candidate.startsWith(family));
      const advice =
        sameFamily.length > 0 ? `use ${sameFamily.join(' or ')}` : 'see SFP-LAMBDA-001 in docs/policy.md';
      return `uses runtime \`${runtime.text}\`, which is deprecated or not supported: ${advice}`;
    }),
};

const lambdaExplicitTimeout: ResourceRule = {
  id: 'SFP-LAMBDA-002',
  title: 'Functions set an explicit timeout',
  severity: 'error',
  resourceTypes: [FUNCTION],
  description:
    'Without `Timeout` a function gets 3 seconds: too short for a cold start with a downstream call, ' +
    'and nobody chose it.',
  remediation: 'Set `timeout` (provider default or per function) below the API integration timeout.',
  mappings: {
    cdkNag: ['Serverless-LambdaDefaultTimeout'],
    checkov: [],
    cfnNag: [],
    nist80053: ['SC-5', 'SC-6'],
  },
  check: (context) =>
    checkFunctions(context, (properties) =>
      properties.Timeout === undefined ? 'sets no Timeout (the default is 3 seconds)' : undefined,
    ),
};

const lambdaExplicitMemory: ResourceRule = {
  id: 'SFP-LAMBDA-003',
  title: 'Functions set an explicit memory size',
  severity: 'error',
  resourceTypes: [FUNCTION],
  description:
    'Memory also sets the CPU share; the 128 MB default is rarely what a function was measured with.',
  remediation: 'Set `memorySize` (provider default or per function).',
  mappings: {
    cdkNag: ['Serverless-LambdaDefaultMemorySize'],
    checkov: [],
    cfnNag: [],
    nist80053: ['CM-6', 'SC-6'],
  },
  check: (context) =>
    checkFunctions(context, (properties) =>
      properties.MemorySize === undefined ? 'sets no MemorySize (the default is 128 MB)' : undefined,
    ),
};

const lambdaActiveTracing: ResourceRule = {
  id: 'SFP-LAMBDA-004',
  title: 'Functions have active X-Ray tracing',
  severity: 'warning',
  resourceTypes: [FUNCTION],
  description: 'Traces are how a slow or failing call is followed across services (docs/architecture.md §8).',
  remediation: 'Set `provider.tracing.lambda: true` (TracingConfig `Mode: Active`).',
  mappings: {
    cdkNag: ['Serverless-LambdaTracing'],
    checkov: ['CKV_AWS_50'],
    cfnNag: [],
    nist80053: ['AU-12', 'SI-4'],
  },
  check: (context) =>
    checkFunctions(context, (properties) => {
      const mode = renderString(objectAt(properties, 'TracingConfig')?.Mode);
      if (mode && !mode.exact) return undefined;
      return mode?.text === 'Active' ? undefined : 'does not have active X-Ray tracing';
    }),
};

const lambdaNoSecretsInEnvironment: ResourceRule = {
  id: 'SFP-LAMBDA-005',
  title: 'No secret-looking values in function environment variables',
  severity: 'error',
  resourceTypes: [FUNCTION],
  description:
    'Environment variables are readable by anyone who can read the function configuration and end ' +
    'up in templates, logs and state files. Secrets are read from SSM or Secrets Manager at cold start (ADR-002).',
  remediation:
    'Store the secret in SSM Parameter Store (SecureString) or Secrets Manager and pass only its name or ARN.',
  mappings: {
    cdkNag: [],
    checkov: ['CKV_AWS_45'],
    cfnNag: [],
    nist80053: ['IA-5(7)', 'SC-28'],
  },
  check: (context) =>
    checkFunctions(context, (properties) => {
      const variables = objectAt(objectAt(properties, 'Environment'), 'Variables') ?? {};
      const problems = Object.entries(variables).flatMap(([name, value]) => {
        const reason = describeSecret(name, value) ?? describeNoEchoParameter(context, value);
        return reason ? [`${name} (${reason})`] : [];
      });
      return problems.length > 0
        ? `has secret-looking environment variables: ${problems.join('; ')}`
        : undefined;
    }),
};

/** A `Ref` to a template parameter declared `NoEcho`: a secret, copied into the configuration. */
function describeNoEchoParameter(context: TemplateContext, value: unknown): string | undefined {
  const name = referencedId(value);
  const parameter = name === undefined ? undefined : objectAt(context.template.Parameters, name);
  const noEcho = parameter?.NoEcho;
  return noEcho === true || noEcho === 'true'
    ? `it receives the NoEcho parameter ${name} in plain text`
    : undefined;
}

/** The service principal of a permission (`sns.amazonaws.com`), if it is one. */
function servicePrincipal(principal: unknown): string | undefined {
  const rendered = renderString(principal);
  return rendered?.exact && /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(rendered.text)
    ? rendered.text
    : undefined;
}

/** Names the function a permission is for, for messages. */
function functionLabel(context: TemplateContext, functionName: unknown): string {
  return context.functionOf(functionName) ?? renderString(functionName)?.text ?? 'its function';
}

const lambdaPermissionSourceArn: ResourceRule = {
  id: 'SFP-LAMBDA-006',
  title: 'Invoke permissions for AWS services are scoped by `SourceArn`',
  severity: 'error',
  resourceTypes: [PERMISSION],
  description:
    'A permission for a service principal without `SourceArn` lets that service invoke the function ' +
    'on behalf of any resource, in any account (the confused-deputy problem).',
  remediation: 'Set `SourceArn` to the API, topic, rule or bucket that invokes the function.',
  mappings: {
    cdkNag: [],
    checkov: ['CKV_AWS_364'],
    cfnNag: [],
    nist80053: ['AC-3', 'AC-6'],
  },
  check: (context) =>
    context.ofType(PERMISSION).flatMap(([id, permission]): Violation[] => {
      const { Principal, SourceArn, FunctionName } = permission.Properties;
      const service = servicePrincipal(Principal);
      if (!service) return [];
      if (SourceArn !== undefined && !isExactly(SourceArn, '*')) return [];
      return [
        {
          resource: id,
          message: `lets ${service} invoke ${functionLabel(context, FunctionName)} from any source (no SourceArn)`,
        },
      ];
    }),
};

const lambdaNoWildcardInvokePrincipal: ResourceRule = {
  id: 'SFP-LAMBDA-009',
  title: 'No invoke permission for every principal (`*`)',
  severity: 'error',
  resourceTypes: [PERMISSION],
  description:
    'A permission with principal `*` lets any AWS account, or anyone through a URL, invoke the function.',
  remediation:
    "Name the service or the account or role that invokes the function; use the caller's IAM policy within an account.",
  mappings: {
    cdkNag: [],
    checkov: ['CKV_AWS_301'],
    cfnNag: ['F13'],
    nist80053: ['AC-3', 'AC-6', 'SC-7'],
  },
  check: (context) =>
    context.ofType(PERMISSION).flatMap(([id, permission]) => {
      const { Principal, PrincipalOrgID, FunctionName } = permission.Properties;
      if (!isExactly(Principal, '*') || PrincipalOrgID !== undefined) return [];
      return [
        {
          resource: id,
          message: `lets any principal (\`*\`) invoke ${functionLabel(context, FunctionName)}`,
        },
      ];
    }),
};

/** Services that invoke Lambda asynchronously (the event is queued; failures are retried, then dropped). */
const ASYNC_SERVICE_PRINCIPALS = new Set(
  ['s3', 'sns', 'events', 'ses', 'logs', 'iot', 'codecommit', 'config', 'cloudformation'].map(
    (service) => `${service}.amazonaws.com`,
  ),
);

/** Function logical id → what invokes it asynchronously. */
function asyncSources(context: TemplateContext): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  const add = (target: unknown, source: string) => {
    const fn = context.functionOf(target);
    if (fn !== undefined) sources.set(fn, [...(sources.get(fn) ?? []), source]);
  };
  for (const [id, permission] of context.ofType(PERMISSION)) {
    const service = servicePrincipal(permission.Properties.Principal);
    if (service && ASYNC_SERVICE_PRINCIPALS.has(service))
      add(permission.Properties.FunctionName, `${service} (${id})`);
  }
  for (const [id, subscription] of context.ofType('AWS::SNS::Subscription')) {
    if (isExactly(subscription.Properties.Protocol, 'lambda'))
      add(subscription.Properties.Endpoint, `SNS (${id})`);
  }
  for (const [id, rule] of context.ofType('AWS::Events::Rule')) {
    for (const target of toList(rule.Properties.Targets)) {
      if (isJsonObject(target)) add(target.Arn, `EventBridge (${id})`);
    }
  }
  for (const [id, schedule] of context.ofType('AWS::Scheduler::Schedule')) {
    add(objectAt(schedule.Properties, 'Target')?.Arn, `EventBridge Scheduler (${id})`);
  }
  for (const [id, bucket] of context.ofType('AWS::S3::Bucket')) {
    const notifications = objectAt(bucket.Properties, 'NotificationConfiguration');
    for (const configuration of toList(notifications?.LambdaConfigurations)) {
      if (isJsonObject(configuration)) add(configuration.Function, `S3 (${id})`);
    }
  }
  return sources;
}

/** Functions with a dead-letter queue or an on-failure destination. */
function functionsWithFailureTarget(context: TemplateContext): Set<string> {
  const covered = new Set<string>();
  for (const [id, fn] of context.ofType(FUNCTION)) {
    if (objectAt(fn.Properties, 'DeadLetterConfig')?.TargetArn !== undefined) covered.add(id);
  }
  for (const [, config] of context.ofType('AWS::Lambda::EventInvokeConfig')) {
    const onFailure = objectAt(objectAt(config.Properties, 'DestinationConfig'), 'OnFailure');
    const fn = context.functionOf(config.Properties.FunctionName);
    if (fn !== undefined && onFailure?.Destination !== undefined) covered.add(fn);
  }
  return covered;
}

const lambdaAsyncFailureDestination: ResourceRule = {
  id: 'SFP-LAMBDA-010',
  title: 'Asynchronously invoked functions have an on-failure destination or a DLQ',
  severity: 'error',
  resourceTypes: [FUNCTION, PERMISSION, 'AWS::Lambda::EventInvokeConfig'],
  description:
    'S3, SNS, EventBridge and other asynchronous sources retry a failing event twice and then drop ' +
    'it: without a destination the event is lost without a trace.',
  remediation:
    'Set `destinations.onFailure` (an SQS queue or SNS topic) on the function, or a `DeadLetterConfig`.',
  mappings: {
    cdkNag: ['Serverless-LambdaAsyncFailureDestination', 'NIST.800.53.R5-LambdaDLQ'],
    checkov: ['CKV_AWS_116'],
    cfnNag: [],
    nist80053: ['CA-7', 'SC-36', 'SI-2'],
  },
  check: (context) => {
    const covered = functionsWithFailureTarget(context);
    return [...asyncSources(context)].flatMap(([fn, sources]) =>
      covered.has(fn)
        ? []
        : [
            {
              resource: fn,
              message: `is invoked asynchronously by ${sources.join(', ')} but has no on-failure destination or dead-letter queue`,
            },
          ],
    );
  },
};

/** The Lambda rules, in ID order. */
export const LAMBDA_RULES: readonly ResourceRule[] = [
  lambdaSupportedRuntime,
  lambdaExplicitTimeout,
  lambdaExplicitMemory,
  lambdaActiveTracing,
  lambdaNoSecretsInEnvironment,
  lambdaPermissionSourceArn,
  lambdaNoWildcardInvokePrincipal,
  lambdaAsyncFailureDestination,
];
