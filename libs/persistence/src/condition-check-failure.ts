import type { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** The item stored when a condition failed, when the request asked for it with `ALL_OLD`. */
export function storedItemOf(error: ConditionalCheckFailedException): Record<string, unknown> | undefined {
  return error.Item ? unmarshall(error.Item) : undefined;
}

/** The `version` attribute of a stored item, when it is a number. */
export function versionOf(item: Record<string, unknown>): number | undefined {
  const version = item['version'];
  return typeof version === 'number' ? version : undefined;
}
