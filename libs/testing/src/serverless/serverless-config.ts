import { readFileSync } from 'node:fs';
import { parse, type Tags } from 'yaml';
import { ServerlessConfigError } from '../errors';

/** CloudFormation short-form intrinsics (`!Ref`, `!GetAtt`, ...) read as their long form. */
const intrinsicTags: Tags = [
  'Ref',
  'GetAtt',
  'Sub',
  'Join',
  'If',
  'Equals',
  'Not',
  'Select',
  'Split',
  'ImportValue',
  'FindInMap',
  'Base64',
  'GetAZs',
  'Condition',
].flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  return (['scalar', 'seq', 'map'] as const).map((nodeClass) => ({
    tag: `!${name}`,
    collection: nodeClass === 'scalar' ? undefined : nodeClass,
    resolve: (value: unknown) => ({
      [key]:
        typeof value === 'object' && value !== null && 'toJSON' in value
          ? (value as { toJSON(): unknown }).toJSON()
          : value,
    }),
  })) as Tags;
});

/**
 * Reads a `serverless.yml` as declared: CloudFormation short-form intrinsics become their long
 * form, `${...}` variables stay unresolved.
 *
 * @example
 * const config = readServerlessConfig('apps/catalog/serverless.yml');
 */
export function readServerlessConfig(serverlessYmlPath: string): unknown {
  try {
    return parse(readFileSync(serverlessYmlPath, 'utf8'), { customTags: intrinsicTags });
  } catch (cause) {
    throw new ServerlessConfigError(`Cannot read ${serverlessYmlPath}: ${(cause as Error).message}`, {
      cause,
    });
  }
}
