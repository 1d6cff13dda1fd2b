import { renderString } from './intrinsics';
import { isJsonObject, toList } from './json-value';
import type { CfnResource } from './template';

/** One `Allow` or `Deny` statement of an IAM policy, with its lists normalised. */
export interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  /** `Action` values that are strings (intrinsics are rare here and are left out). */
  actions: string[];
  notActions: string[];
  /** `Resource` values folded to text; `exact` tells a literal from a deploy-time value. */
  resources: Array<{ text: string; exact: boolean }>;
  hasNotResource: boolean;
  principal: unknown;
  condition: unknown;
  /** Name of the policy the statement belongs to, for messages. */
  policyName: string;
}

/** Resource types that carry identity-based policies, and where. */
export const IDENTITY_POLICY_TYPES = [
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
] as const;

/** Reads a policy document (an object, or the JSON text of one) into statements. */
export function readStatements(document: unknown, policyName: string): PolicyStatement[] {
  let parsed = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document);
    } catch {
      return [];
    }
  }
  if (!isJsonObject(parsed)) return [];
  return toList(parsed.Statement).flatMap((statement): PolicyStatement[] => {
    if (!isJsonObject(statement)) return [];
    const strings = (value: unknown) =>
      toList(value).filter((item): item is string => typeof item === 'string');
    return [
      {
        effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow',
        actions: strings(statement.Action),
        notActions: strings(statement.NotAction),
        resources: toList(statement.Resource).map(
          (item) => renderString(item) ?? { text: '${?}', exact: false },
        ),
        hasNotResource: statement.NotResource !== undefined,
        principal: statement.Principal,
        condition: statement.Condition,
        policyName,
      },
    ];
  });
}

/**
 * Every statement of the identity-based policies a resource carries: the inline `Policies` of a
 * role, user or group, or the `PolicyDocument` of a policy resource.
 */
export function identityStatements(resource: CfnResource): PolicyStatement[] {
  const { Properties: properties } = resource;
  if (properties.PolicyDocument !== undefined) {
    const name = renderString(properties.PolicyName ?? properties.ManagedPolicyName)?.text ?? 'policy';
    return readStatements(properties.PolicyDocument, name);
  }
  return toList(properties.Policies).flatMap((policy, index) =>
    isJsonObject(policy)
      ? readStatements(policy.PolicyDocument, renderString(policy.PolicyName)?.text ?? `policy ${index + 1}`)
      : [],
  );
}

/** The statements of a role's trust policy (`AssumeRolePolicyDocument`). */
export function trustStatements(resource: CfnResource): PolicyStatement[] {
  return readStatements(resource.Properties.AssumeRolePolicyDocument, 'trust policy');
}

/**
 * True when an IAM action pattern (`iam:Pass*`, `iam:*`, `*`) grants the action `action`.
 * IAM matches action names case-insensitively, with `*` and `?` as wildcards.
 *
 * @example
 * actionGrants('iam:Pass*', 'iam:PassRole'); // true
 */
export function actionGrants(pattern: string, action: string): boolean {
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(action);
}

/** True when the statement's resources include the literal `*`. */
export function hasWildcardResource(statement: PolicyStatement): boolean {
  return statement.resources.some((resource) => resource.exact && resource.text === '*');
}
