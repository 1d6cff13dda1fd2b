import { isExactly, renderString } from '../intrinsics';
import { objectAt } from '../json-value';
import type { ResourceRule } from '../rule';
import { normalizeRouteKey } from '../route-keys';
import type { TemplateContext } from '../template-context';

const ROUTE = 'AWS::ApiGatewayV2::Route';
const STAGE = 'AWS::ApiGatewayV2::Stage';
const AUTHORIZED_TYPES = new Set(['JWT', 'AWS_IAM', 'CUSTOM']);

/**
 * The routes that may go without an authorizer: each service's health route, and those listed in
 * `custom.policy.publicRoutes`. Route keys are the API's own (`GET /health`), without the
 * `/<service>` mapping key under which the stage's host serves them.
 */
function allowedPublicRoutes(context: TemplateContext): Set<string> {
  return new Set([HEALTH_ROUTE, ...context.platform.publicRoutes.map(normalizeRouteKey)]);
}

/** Every service's health route, as its API declares it (`GET /<service>/health` on the stage's host). */
const HEALTH_ROUTE = 'GET /health';

const apiRoutesAuthorized: ResourceRule = {
  id: 'SFP-APIGW-001',
  title: 'Every route has an authorizer, unless allow-listed as public',
  severity: 'error',
  resourceTypes: [ROUTE],
  description:
    'A route without an authorizer reaches the handler with no token checked at the edge. Only the ' +
    "service's health route (`GET /health`, served as `GET /<service>/health`) and routes listed in " +
    '`custom.policy.publicRoutes` (as the API declares them, without `/<service>`) may be public.',
  remediation:
    'Add `authorizer: { name: jwt, scopes: [...] }` to the httpApi event, or list the route in `custom.policy.publicRoutes`.',
  mappings: {
    cdkNag: ['AwsSolutions-APIG4'],
    checkov: ['CKV_AWS_309'],
    cfnNag: [],
    nist80053: ['AC-3', 'AC-14', 'IA-2'],
  },
  check: (context) =>
    context.ofType(ROUTE).flatMap(([id, route]) => {
      const { AuthorizationType, RouteKey, ApiId } = route.Properties;
      const authorization = renderString(AuthorizationType);
      if (authorization && (!authorization.exact || AUTHORIZED_TYPES.has(authorization.text))) return [];
      const key = renderString(RouteKey);
      const apiId = context.resolve(ApiId);
      const api = apiId === undefined ? undefined : context.resource(apiId);
      if (isExactly(api?.Properties.ProtocolType, 'WEBSOCKET') && key?.text !== '$connect') return [];
      const routeKey = key?.exact ? normalizeRouteKey(key.text) : undefined;
      if (routeKey !== undefined && allowedPublicRoutes(context).has(routeKey)) return [];
      return [
        {
          resource: id,
          message: `route ${routeKey ?? key?.text ?? '(unknown)'} has no authorizer and is not allow-listed as public`,
        },
      ];
    }),
};

/** True when the access log format is a JSON object once `${…}` placeholders are filled in. */
function isJsonFormat(format: string): boolean {
  try {
    const parsed: unknown = JSON.parse(format.replace(/\$\{[^}]*\}/g, 'x'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

const apiStageJsonAccessLogs: ResourceRule = {
  id: 'SFP-APIGW-003',
  title: 'API access logs are structured JSON',
  severity: 'warning',
  resourceTypes: [STAGE],
  description:
    'JSON access logs can be queried field by field (Logs Insights) and parsed by the log pipeline.',
  remediation: 'Write `provider.logs.httpApi.format` as one JSON object of `$context` fields.',
  mappings: {
    cdkNag: ['Serverless-APIGWStructuredLogging'],
    checkov: [],
    cfnNag: [],
    nist80053: ['AU-3', 'AU-6'],
  },
  check: (context) =>
    context.ofType(STAGE).flatMap(([id, stage]) => {
      const settings = objectAt(stage.Properties, 'AccessLogSettings');
      if (settings?.DestinationArn === undefined) return [];
      const format = renderString(settings.Format);
      if (format === undefined) return [{ resource: id, message: 'has access logs without a Format' }];
      return isJsonFormat(format.text)
        ? []
        : [{ resource: id, message: 'has an access log Format that is not a JSON object' }];
    }),
};

const apiStageThrottling: ResourceRule = {
  id: 'SFP-APIGW-004',
  title: 'API stages set default route throttling',
  severity: 'warning',
  resourceTypes: [STAGE],
  description:
    'Without stage throttling one client can use the whole account-level API Gateway quota and the ' +
    "functions' concurrency.",
  remediation:
    'Set `DefaultRouteSettings.ThrottlingBurstLimit` and `ThrottlingRateLimit` (the shared defaults do, per stage).',
  mappings: {
    cdkNag: ['Serverless-APIGWDefaultThrottling'],
    checkov: [],
    cfnNag: [],
    nist80053: ['SC-5'],
  },
  check: (context) =>
    context.ofType(STAGE).flatMap(([id, stage]) => {
      const settings = objectAt(stage.Properties, 'DefaultRouteSettings');
      const missing = ['ThrottlingBurstLimit', 'ThrottlingRateLimit'].filter(
        (key) => settings?.[key] === undefined,
      );
      return missing.length > 0
        ? [{ resource: id, message: `sets no default route throttling (${missing.join(', ')} missing)` }]
        : [];
    }),
};

/** The API Gateway v2 rules, in ID order. */
export const API_GATEWAY_RULES: readonly ResourceRule[] = [
  apiRoutesAuthorized,
  apiStageJsonAccessLogs,
  apiStageThrottling,
];
