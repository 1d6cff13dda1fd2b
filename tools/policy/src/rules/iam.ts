import { renderString } from '../intrinsics';
import { isJsonObject, toList } from '../json-value';
import {
  actionGrants,
  hasWildcardResource,
  identityStatements,
  IDENTITY_POLICY_TYPES,
  trustStatements,
  type PolicyStatement,
} from '../policy-document';
import type { ResourceRule, Violation } from '../rule';
import type { TemplateContext } from '../template-context';
import { requiresWildcardResource } from '../wildcard-only-actions';
import { INTERNAL_FUNCTIONS } from '../internal-callers';

/**
 * Runs `describe` over the `Allow` statements of every identity policy and reports one violation
 * per resource, listing what each offending statement does.
 */
function checkAllowStatements(
  context: TemplateContext,
  describe: (statement: PolicyStatement) => string | undefined,
): Violation[] {
  return context.ofType(...IDENTITY_POLICY_TYPES).flatMap(([id, resource]) => {
    const problems = identityStatements(resource)
      .filter((statement) => statement.effect === 'Allow')
      .flatMap((statement) => {
        const problem = describe(statement);
        return problem ? [`policy "${statement.policyName}" ${problem}`] : [];
      });
    return problems.length > 0 ? [{ resource: id, message: [...new Set(problems)].join('; ') }] : [];
  });
}

const quoted = (values: string[]) => values.map((value) => `\`${value}\``).join(', ');

const iamNoWildcardAction: ResourceRule = {
  id: 'SFP-IAM-001',
  title: 'IAM policies grant no `*` action',
  severity: 'error',
  resourceTypes: IDENTITY_POLICY_TYPES,
  description: 'An `Allow` of `*` (or `*:*`) grants every action of every service: administrator rights.',
  remediation: 'List the actions the function calls (for example `dynamodb:GetItem`), never `*`.',
  mappings: {
    cdkNag: ['AwsSolutions-IAM5', 'NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess'],
    checkov: ['CKV_AWS_62', 'CKV_AWS_63'],
    cfnNag: ['F3', 'F4', 'F5'],
    nist80053: ['AC-3', 'AC-6'],
  },
  check: (context) =>
    checkAllowStatements(context, (statement) => {
      const wildcards = statement.actions.filter((action) => action === '*' || action === '*:*');
      return wildcards.length > 0 ? `allows every action (${quoted(wildcards)})` : undefined;
    }),
};

const iamNoWildcardResource: ResourceRule = {
  id: 'SFP-IAM-002',
  title: 'IAM policies use `Resource: *` only for actions that support nothing else',
  severity: 'error',
  resourceTypes: IDENTITY_POLICY_TYPES,
  description:
    'A statement on `*` applies to every resource of the account. Only actions without resource-level ' +
    'permissions (such as `xray:PutTraceSegments`) may use it, in a statement of their own.',
  remediation:
    'Name the resource ARNs (`Fn::GetAtt: [ServiceTable, Arn]`, its `/index/*`); keep `*` only in a ' +
    'statement made of actions that accept nothing else.',
  mappings: {
    cdkNag: ['AwsSolutions-IAM5', 'Serverless-IAMNoWildcardPermissions'],
    checkov: ['CKV_AWS_355'],
    cfnNag: ['W11', 'W12', 'W13'],
    nist80053: ['AC-3', 'AC-6'],
  },
  check: (context) =>
    checkAllowStatements(context, (statement) => {
      if (!hasWildcardResource(statement)) return undefined;
      const scoped = statement.actions.filter((action) => !requiresWildcardResource(action));
      return scoped.length > 0 ? `grants ${quoted(scoped)} on Resource \`*\`` : undefined;
    }),
};

const iamNoServiceWildcard: ResourceRule = {
  id: 'SFP-IAM-003',
  title: 'IAM policies grant no whole-service wildcard (`service:*`)',
  severity: 'error',
  resourceTypes: IDENTITY_POLICY_TYPES,
  description:
    '`dynamodb:*` also grants `DeleteTable`, `UpdateTable` and every action the service adds later: ' +
    'full control of the service, not the calls the code makes.',
  remediation: 'Replace `service:*` with the actions the code calls.',
  mappings: {
    cdkNag: ['AwsSolutions-IAM5', 'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess'],
    checkov: [],
    cfnNag: [],
    nist80053: ['AC-3', 'AC-5', 'AC-6', 'CM-5'],
  },
  check: (context) =>
    checkAllowStatements(context, (statement) => {
      const wildcards = statement.actions.filter((action) => /^[A-Za-z0-9-]+:\*$/.test(action));
      return wildcards.length > 0 ? `grants whole services (${quoted(wildcards)})` : undefined;
    }),
};

const MANAGED_POLICY_TYPES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];

const iamNoAwsManagedPolicies: ResourceRule = {
  id: 'SFP-IAM-004',
  title: 'No AWS-managed policies on roles, users or groups',
  severity: 'error',
  resourceTypes: MANAGED_POLICY_TYPES,
  description:
    'AWS-managed policies are written for every customer: they grant more than one function needs ' +
    '(often `*` resources) and change without notice.',
  remediation:
    'Drop the `ManagedPolicyArns` entry and grant the needed actions inline (`iamRoleStatements`).',
  mappings: {
    cdkNag: ['AwsSolutions-IAM4'],
    checkov: ['CKV_AWS_274'],
    cfnNag: ['W43', 'W44'],
    nist80053: ['AC-2', 'AC-6'],
  },
  check: (context) =>
    context.ofType(...MANAGED_POLICY_TYPES).flatMap(([id, resource]) => {
      const managed = toList(resource.Properties.ManagedPolicyArns).flatMap((arn) => {
        const match = /:iam::aws:policy\/(.+)$/.exec(renderString(arn)?.text ?? '');
        return match?.[1] ? [match[1]] : [];
      });
      if (managed.length === 0) return [];
      const admin = managed.some((name) => /(^|\/)AdministratorAccess$/.test(name));
      return [
        {
          resource: id,
          message:
            `attaches AWS-managed ${managed.length === 1 ? 'policy' : 'policies'} ${quoted(managed)}` +
            (admin ? ', which grants full administrator access' : ''),
        },
      ];
    }),
};

/** True when a trust-policy principal is everyone: `"*"` or `{ "AWS": "*" }` (alone or in a list). */
function isWildcardPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (!isJsonObject(principal)) return false;
  return Object.values(principal).some((value) => toList(value).some((item) => item === '*'));
}

const iamNoWildcardTrust: ResourceRule = {
  id: 'SFP-IAM-006',
  title: 'Role trust policies name no wildcard principal',
  severity: 'error',
  resourceTypes: ['AWS::IAM::Role'],
  description: 'A trust policy with principal `*` lets any AWS account (or anyone) assume the role.',
  remediation:
    'Trust the service (`lambda.amazonaws.com`) or the exact role or account ARNs that assume the role.',
  mappings: {
    cdkNag: [],
    checkov: ['CKV_AWS_60'],
    cfnNag: [],
    nist80053: ['AC-3', 'AC-6', 'IA-8'],
  },
  check: (context) =>
    context
      .ofType('AWS::IAM::Role')
      .flatMap(([id, role]) =>
        trustStatements(role).some(
          (statement) => statement.effect === 'Allow' && isWildcardPrincipal(statement.principal),
        )
          ? [{ resource: id, message: 'its trust policy lets any principal (`*`) assume it' }]
          : [],
      ),
};

const iamOneRolePerFunction: ResourceRule = {
  id: 'SFP-IAM-007',
  title: 'Each function has a role of its own, declared in the template',
  severity: 'error',
  resourceTypes: ['AWS::Lambda::Function', 'AWS::IAM::Role'],
  description:
    'A role shared by several functions holds the union of their rights, so each function can do ' +
    'what any of them may. A role from outside the template cannot be checked at all.',
  remediation:
    'Give each function its own `iamRoleStatements` (serverless-iam-roles-per-function) so it gets ' +
    '`<Function>IamRoleLambdaExecution`.',
  mappings: {
    cdkNag: [],
    checkov: [],
    cfnNag: [],
    nist80053: ['AC-5', 'AC-6'],
  },
  check: (context) => {
    const functions = context.ofType('AWS::Lambda::Function');
    const roleOf = new Map(functions.map(([id, fn]) => [id, context.resolve(fn.Properties.Role)] as const));
    return functions.flatMap(([id]): Violation[] => {
      const role = roleOf.get(id);
      if (role === undefined || context.resource(role)?.Type !== 'AWS::IAM::Role') {
        return [
          {
            resource: id,
            message: 'uses a role that is not declared in this template, so it cannot be checked',
          },
        ];
      }
      const sharing = functions
        .filter(([other]) => other !== id && roleOf.get(other) === role)
        .map(([other]) => other);
      return sharing.length > 0
        ? [{ resource: id, message: `shares role ${role} with ${sharing.join(', ')}` }]
        : [];
    });
  },
};

const iamNoNotActionOrNotResource: ResourceRule = {
  id: 'SFP-IAM-008',
  title: 'No `Allow` with `NotAction` or `NotResource`',
  severity: 'warning',
  resourceTypes: IDENTITY_POLICY_TYPES,
  description:
    '`Allow` + `NotAction` grants everything except a list, including actions AWS adds later; ' +
    '`Allow` + `NotResource` does the same for resources.',
  remediation: 'Rewrite the statement as an `Allow` of the actions and resources that are needed.',
  mappings: {
    cdkNag: [],
    checkov: [],
    cfnNag: ['W15', 'W16', 'W17', 'W21', 'W22', 'W23'],
    nist80053: ['AC-6'],
  },
  check: (context) =>
    checkAllowStatements(context, (statement) => {
      const used = [
        ...(statement.notActions.length > 0 ? ['`NotAction`'] : []),
        ...(statement.hasNotResource ? ['`NotResource`'] : []),
      ];
      return used.length > 0 ? `allows with ${used.join(' and ')}` : undefined;
    }),
};

/** The function name part of a Lambda ARN (or `*`), as a case-sensitive glob. */
function functionGlob(resource: string): RegExp | undefined {
  const name = resource === '*' ? '*' : /:function:([^:]+)/.exec(resource)?.[1];
  if (name === undefined) return undefined;
  const source = name
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

const iamInternalCallers: ResourceRule = {
  id: 'SFP-IAM-009',
  title: "Only a service's declared callers can invoke its internal functions",
  severity: 'error',
  resourceTypes: IDENTITY_POLICY_TYPES,
  description:
    'Internal functions (no route) act for whichever principal invokes them. Only the roles of the ' +
    'functions tools/policy/src/internal-callers.ts names may hold `lambda:InvokeFunction` on them; ' +
    'any other role of any service, through a name, a pattern or `*`, is refused.',
  remediation:
    "Invoke the function's public API instead, or add the calling function to internal-callers.ts " +
    '(with the owning team) and prove the caller in the function.',
  mappings: {
    cdkNag: [],
    checkov: [],
    cfnNag: [],
    nist80053: ['AC-3', 'AC-6'],
  },
  check: (context) => {
    const stage = context.platform.stage ?? 'dev';
    const service = context.platform.service;
    const roleOfFunction = new Map(
      context
        .ofType('AWS::Lambda::Function')
        .map(([id, fn]) => [context.resolve(fn.Properties.Role), id] as const),
    );
    return context.ofType(...IDENTITY_POLICY_TYPES).flatMap(([id, resource]): Violation[] => {
      const fn = roleOfFunction.get(id);
      const reached = identityStatements(resource)
        .filter(
          (statement) =>
            statement.effect === 'Allow' &&
            statement.actions.some((action) => actionGrants(action, 'lambda:InvokeFunction')),
        )
        .flatMap((statement) =>
          INTERNAL_FUNCTIONS.filter((internal) => {
            const name = `${internal.service}-${stage}-${internal.function}`;
            return statement.resources.some((r) => functionGlob(r.text)?.test(name));
          }),
        )
        .filter(
          (internal) =>
            !(
              internal.callers.service === service &&
              fn !== undefined &&
              internal.callers.functions.includes(fn)
            ),
        );
      const names = [...new Set(reached.map((internal) => `${internal.service}:${internal.function}`))];
      return names.length > 0
        ? [
            {
              resource: id,
              message: `can invoke the internal function(s) ${names.join(', ')}, whose declared callers it is not`,
            },
          ]
        : [];
    });
  },
};

/** The IAM rules, in ID order. */
export const IAM_RULES: readonly ResourceRule[] = [
  iamNoWildcardAction,
  iamNoWildcardResource,
  iamNoServiceWildcard,
  iamNoAwsManagedPolicies,
  iamNoWildcardTrust,
  iamOneRolePerFunction,
  iamNoNotActionOrNotResource,
  iamInternalCallers,
];
