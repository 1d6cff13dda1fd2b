'use strict';

/**
 * The platform's IaC conventions, applied to a compiled CloudFormation template.
 * Pure functions over the template object, so they are tested without the framework.
 */

/** Resource types whose `Tags` is a list of `{ Key, Value }`. */
const LIST_TAGGED_TYPES = new Set([
  'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::CompositeAlarm',
  'AWS::CodeDeploy::Application',
  'AWS::DynamoDB::Table',
  'AWS::IAM::Role',
  'AWS::KMS::Key',
  'AWS::Lambda::Function',
  'AWS::Logs::LogGroup',
  'AWS::S3::Bucket',
  'AWS::SNS::Topic',
  'AWS::SQS::Queue',
]);

/** Resource types whose `Tags` is a `{ key: value }` map. */
const MAP_TAGGED_TYPES = new Set([
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Stage',
  'AWS::SSM::Parameter',
]);

/** The tags every taggable resource must carry (docs/architecture.md §7). */
const REQUIRED_TAGS = ['owner', 'env', 'cost-center', 'service'];

/**
 * Adds the platform tags to every taggable resource, keeping any tag a resource already sets.
 * @param {{ Resources?: Record<string, any> }} template
 * @param {Record<string, string>} tags
 * @returns {string[]} logical ids of the resources that were changed
 */
function tagResources(template, tags) {
  const changed = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const type = resource && resource.Type;
    if (LIST_TAGGED_TYPES.has(type)) {
      resource.Properties = resource.Properties ?? {};
      const existing = Array.isArray(resource.Properties.Tags) ? resource.Properties.Tags : [];
      const present = new Set(existing.map((tag) => tag.Key));
      const added = Object.entries(tags)
        .filter(([key]) => !present.has(key))
        .map(([Key, Value]) => ({ Key, Value: String(Value) }));
      if (added.length > 0) {
        resource.Properties.Tags = [...existing, ...added];
        changed.push(logicalId);
      }
    } else if (MAP_TAGGED_TYPES.has(type)) {
      resource.Properties = resource.Properties ?? {};
      const existing = resource.Properties.Tags ?? {};
      const merged = {
        ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v)])),
        ...existing,
      };
      if (Object.keys(merged).length !== Object.keys(existing).length) {
        resource.Properties.Tags = merged;
        changed.push(logicalId);
      }
    }
  }
  return changed;
}

/** True when some value in the template (outside the resource itself) refers to `logicalId`. */
function isReferenced(template, logicalId) {
  const visit = (value, insideSelf) => {
    if (Array.isArray(value)) return value.some((item) => visit(item, insideSelf));
    if (!value || typeof value !== 'object') return false;
    if (!insideSelf) {
      if (value.Ref === logicalId) return true;
      const getAtt = value['Fn::GetAtt'];
      if (Array.isArray(getAtt) && getAtt[0] === logicalId) return true;
      if (typeof getAtt === 'string' && getAtt.split('.')[0] === logicalId) return true;
      const sub = value['Fn::Sub'];
      const subText = Array.isArray(sub) ? sub[0] : sub;
      if (typeof subText === 'string' && subText.includes('${' + logicalId)) return true;
      const dependsOn = value.DependsOn;
      if (dependsOn === logicalId || (Array.isArray(dependsOn) && dependsOn.includes(logicalId))) return true;
    }
    return Object.values(value).some((item) => visit(item, insideSelf));
  };
  return (
    Object.entries(template.Resources ?? {}).some(
      ([id, resource]) => id !== logicalId && visit(resource, false),
    ) || visit(template.Outputs ?? {}, false)
  );
}

/**
 * Deletes the framework's shared `IamRoleLambdaExecution` when every function has its own role,
 * so no role exists that nothing assumes.
 * @returns {boolean} whether it was removed
 */
function removeUnusedDefaultRole(template) {
  const id = 'IamRoleLambdaExecution';
  if (!template.Resources?.[id] || isReferenced(template, id)) return false;
  delete template.Resources[id];
  return true;
}

/** Logical id of the role a function resource uses, when it is a role of this template. */
function roleOfFunction(fn) {
  const role = fn.Properties?.Role;
  if (role && Array.isArray(role['Fn::GetAtt'])) return role['Fn::GetAtt'][0];
  return undefined;
}

/**
 * Gives each role of a function with active X-Ray tracing the two X-Ray write actions (whose only
 * possible resource is `*`), since per-function roles do not inherit them.
 * @returns {string[]} roles that were changed
 */
function grantTracing(template) {
  const changed = [];
  for (const fn of Object.values(template.Resources ?? {})) {
    if (fn.Type !== 'AWS::Lambda::Function' || fn.Properties?.TracingConfig?.Mode !== 'Active') continue;
    const roleId = roleOfFunction(fn);
    const role = roleId && template.Resources[roleId];
    if (!role || role.Type !== 'AWS::IAM::Role') continue;
    const policies = (role.Properties.Policies = role.Properties.Policies ?? []);
    const hasXray = policies.some((p) =>
      (p.PolicyDocument?.Statement ?? []).some((s) =>
        [].concat(s.Action ?? []).includes('xray:PutTraceSegments'),
      ),
    );
    if (hasXray) continue;
    if (policies.length === 0)
      policies.push({ PolicyName: 'tracing', PolicyDocument: { Version: '2012-10-17', Statement: [] } });
    policies[0].PolicyDocument.Statement.push({
      Effect: 'Allow',
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      Resource: ['*'],
    });
    changed.push(roleId);
  }
  return changed;
}

/**
 * Replaces the AWS-managed policies serverless-plugin-canary-deployments attaches to its
 * `CodeDeployServiceRole` (AWSCodeDeployRoleForLambdaLimited and AWSLambda_FullAccess) with the
 * few actions CodeDeploy needs to shift this service's aliases and read its alarms.
 * @param {{ Resources?: Record<string, any> }} template
 * @param {{ service: string, stage: string }} options
 * @returns {boolean} whether the role was rewritten
 */
function restrictCodeDeployRole(template, options) {
  const role = template.Resources?.CodeDeployServiceRole;
  if (!role || role.Type !== 'AWS::IAM::Role') return false;
  const prefix = `${options.service}-${options.stage}-`;
  const functionArn = (suffix) => ({
    'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${prefix}*${suffix}`,
  });
  delete role.Properties.ManagedPolicyArns;
  role.Properties.Policies = [
    {
      PolicyName: 'codedeploy-lambda-traffic-shifting',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['cloudwatch:DescribeAlarms'],
            Resource: [
              { 'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*' },
            ],
          },
          {
            Effect: 'Allow',
            Action: ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:GetProvisionedConcurrencyConfig'],
            Resource: [functionArn(''), functionArn(':*')],
          },
        ],
      },
    },
  ];
  return true;
}

/** Logical ids that `value` refers to with `Ref`, `Fn::GetAtt` or `${…}` in `Fn::Sub`. */
function referencedIds(value, found = new Set()) {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, found);
    return found;
  }
  if (!value || typeof value !== 'object') return found;
  if (typeof value.Ref === 'string') found.add(value.Ref);
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') found.add(getAtt[0]);
  if (typeof getAtt === 'string') found.add(getAtt.split('.')[0]);
  const sub = value['Fn::Sub'];
  const subText = Array.isArray(sub) ? sub[0] : sub;
  if (typeof subText === 'string') {
    for (const match of subText.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) found.add(match[1]);
  }
  for (const item of Object.values(value)) referencedIds(item, found);
  return found;
}

/**
 * Drops the `DependsOn` entries a resource's properties already imply through `Ref`, `Fn::GetAtt`
 * or `Fn::Sub` (the framework and serverless-iam-roles-per-function add both). CloudFormation
 * orders the resources the same either way; cfn-lint reports each one (W3005), and the AWS API
 * emulator refuses a template with any cfn-lint finding.
 * @returns {string[]} logical ids of the resources that were changed
 */
function removeRedundantDependsOn(template) {
  const changed = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (!resource || resource.DependsOn === undefined) continue;
    const implied = referencedIds(resource.Properties ?? {});
    const dependsOn = [].concat(resource.DependsOn);
    const kept = dependsOn.filter((id) => !implied.has(id));
    if (kept.length === dependsOn.length) continue;
    if (kept.length === 0) delete resource.DependsOn;
    else resource.DependsOn = kept;
    changed.push(logicalId);
  }
  return changed;
}

/**
 * Applies every convention to a compiled template.
 * @param {{ Resources?: Record<string, any> }} template
 * @param {{ tags: Record<string, string>, service?: string, stage?: string }} options
 */
function applyConventions(template, options) {
  if (options.service && options.stage) restrictCodeDeployRole(template, options);
  const missing = REQUIRED_TAGS.filter((key) => !options.tags || !options.tags[key]);
  if (missing.length > 0) {
    throw new Error(
      `custom.platform.tags is missing ${missing.join(', ')}: pull it in with ` +
        '`platform: ${file(../../serverless/service-defaults.yml):platform}` and set custom.owner and custom.costCenter.',
    );
  }
  const removedDefaultRole = removeUnusedDefaultRole(template);
  const tracingRoles = grantTracing(template);
  const tagged = tagResources(template, options.tags);
  const dependsOnTrimmed = removeRedundantDependsOn(template);
  return { removedDefaultRole, tracingRoles, tagged, dependsOnTrimmed };
}

module.exports = {
  applyConventions,
  grantTracing,
  isReferenced,
  removeRedundantDependsOn,
  removeUnusedDefaultRole,
  restrictCodeDeployRole,
  tagResources,
};
