import type { ResourceRule, RuleDefinition } from './rule';
import { API_GATEWAY_RULES } from './rules/api-gateway';
import { DYNAMODB_RULES } from './rules/dynamodb';
import { IAM_RULES } from './rules/iam';
import { LAMBDA_RULES } from './rules/lambda';
import { LOGS_RULES } from './rules/logs';
import { S3_RULES } from './rules/s3';
import { STAGE_CONFIG_RULES } from './rules/stage-config';
import { SUPPRESSION_RULES } from './rules/suppression';
import { TAG_RULES } from './rules/tags';

/** Every rule that inspects resources, grouped by area. */
export const RESOURCE_RULES: readonly ResourceRule[] = [
  ...IAM_RULES,
  ...LAMBDA_RULES,
  ...API_GATEWAY_RULES,
  ...DYNAMODB_RULES,
  ...LOGS_RULES,
  ...TAG_RULES,
  ...S3_RULES,
  ...STAGE_CONFIG_RULES,
];

/** Every published rule: the resource rules, then the rules about suppressions. */
export const ALL_RULES: readonly RuleDefinition[] = [...RESOURCE_RULES, ...SUPPRESSION_RULES];

const byId = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

/**
 * The rule with this ID, or `undefined`.
 *
 * @example
 * findRule('SFP-IAM-001')?.title; // 'IAM policies grant no `*` action'
 */
export function findRule(id: string): RuleDefinition | undefined {
  return byId.get(id);
}
