import { renderString } from '../intrinsics';
import { isJsonObject, objectAt } from '../json-value';
import type { ResourceRule, Violation } from '../rule';
import type { TemplateContext } from '../template-context';

const AUTHORIZER = 'AWS::ApiGatewayV2::Authorizer';
const FUNCTION = 'AWS::Lambda::Function';
/** The stages real users reach: a placeholder there is an outage or a hole, not a default. */
const GUARDED_STAGES = new Set(['staging', 'prod']);

/**
 * Why `host` cannot be a real staging or prod dependency, or `undefined` when it can: the names
 * RFC 2606 and RFC 6761 reserve for examples, tests, invalid and local use (`example.com`,
 * `*.example`, `*.test`, `*.invalid`, `localhost`, `*.local`), and loopback or unspecified addresses.
 *
 * @example
 * placeholderHost('auth.example.com'); // 'example.com is reserved for documentation (RFC 2606)'
 */
function placeholderHost(host: string): string | undefined {
  const name = host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[|\]$/g, '');
  const labels = name.split('.');
  const tld = labels.at(-1) ?? '';
  const registered = labels.slice(-2).join('.');
  if (['example.com', 'example.net', 'example.org'].includes(registered))
    return `${registered} is reserved for documentation (RFC 2606)`;
  if (tld === 'example') return '.example is reserved for documentation (RFC 2606)';
  if (tld === 'test' || tld === 'invalid')
    return `.${tld} is reserved and never resolves publicly (RFC 2606)`;
  if (tld === 'localhost' || name === 'localhost') return 'localhost is this machine (RFC 6761)';
  if (tld === 'local') return '.local is link-local multicast DNS, not a public name (RFC 6762)';
  if (/^127\./.test(name) || name === '::1' || name === '0.0.0.0' || name === '::')
    return 'a loopback or unspecified address is this machine';
  return undefined;
}

/** The host of an absolute http(s) URL, or `undefined` for any other text. */
function urlHost(text: string): string | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text).hostname;
  } catch {
    return undefined;
  }
}

function isGuarded(context: TemplateContext, logicalId: string): boolean {
  const stage = context.stageOf(logicalId);
  return stage !== undefined && GUARDED_STAGES.has(stage.toLowerCase());
}

/** One violation per literal URL among `values` whose host is a placeholder. */
function placeholderUrls(
  logicalId: string,
  values: ReadonlyArray<[label: string, value: unknown]>,
): Violation[] {
  return values.flatMap(([label, value]) => {
    const rendered = renderString(value);
    if (!rendered?.exact) return [];
    const host = urlHost(rendered.text);
    const reason = host === undefined ? undefined : placeholderHost(host);
    return reason ? [{ resource: logicalId, message: `${label} is ${rendered.text}: ${reason}` }] : [];
  });
}

const noPlaceholderHosts: ResourceRule = {
  id: 'SFP-CONFIG-001',
  title: 'Staging and prod trust no placeholder, example or local issuer or host',
  severity: 'error',
  resourceTypes: [AUTHORIZER, FUNCTION],
  description:
    'A staging or prod API that trusts `https://auth.example.com/`, or a function that calls ' +
    '`https://catalog.example.com`, was packaged with a placeholder where the stage configuration ' +
    'was missing: every request fails, or a reserved name resolves somewhere unexpected. Checked: ' +
    "the JWT authorizer's issuer and every URL among the functions' environment variables.",
  remediation:
    'Set the stage variable (for example `PROD_AUTH_ISSUER`) to the real issuer or host; see ' +
    'README › "Bootstrap an AWS account".',
  mappings: {
    cdkNag: [],
    checkov: [],
    cfnNag: [],
    nist80053: ['CM-6', 'IA-2'],
  },
  check: (context) => [
    ...context.ofType(AUTHORIZER).flatMap(([id, authorizer]) => {
      if (!isGuarded(context, id)) return [];
      const jwt = objectAt(authorizer.Properties, 'JwtConfiguration');
      return placeholderUrls(id, [['the JWT issuer', jwt?.Issuer]]);
    }),
    ...context.ofType(FUNCTION).flatMap(([id, fn]) => {
      if (!isGuarded(context, id)) return [];
      const variables = objectAt(objectAt(fn.Properties, 'Environment'), 'Variables');
      if (!isJsonObject(variables)) return [];
      return placeholderUrls(
        id,
        Object.entries(variables).map(([name, value]): [string, unknown] => [
          `environment variable ${name}`,
          value,
        ]),
      );
    }),
  ],
};

export const STAGE_CONFIG_RULES: readonly ResourceRule[] = [noPlaceholderHosts];
