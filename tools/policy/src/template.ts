import { parse as parseYaml } from 'yaml';
import { InvalidTemplateError } from './errors';
import { isJsonObject, type JsonObject } from './json-value';

/** One resource of a CloudFormation template, as the checker sees it. */
export interface CfnResource {
  Type: string;
  /** Always present: an absent `Properties` reads as `{}`. */
  Properties: JsonObject;
  DeletionPolicy?: unknown;
  UpdateReplacePolicy?: unknown;
  DependsOn?: unknown;
  Metadata?: unknown;
}

/** A CloudFormation template with a usable `Resources` section. */
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Metadata?: JsonObject;
  Parameters?: JsonObject;
  Outputs?: JsonObject;
}

/**
 * Parses the text of a CloudFormation template: JSON, as `serverless package` writes it, or YAML
 * (a path ending in `.yml`/`.yaml`, such as the bootstrap stack) written with the long-form
 * intrinsics (`Ref:`, `Fn::Sub:`), not the `!Ref` short tags.
 *
 * @throws InvalidTemplateError when the text is not JSON (or YAML), has no `Resources` object, or a resource
 *   has no string `Type` or a non-object `Properties`. The message names the file and the problem.
 * @example
 * import { readFileSync } from 'node:fs';
 * const path = 'dist/catalog/prod/cloudformation-template-update-stack.json';
 * const template = parseTemplate(readFileSync(path, 'utf8'), path);
 */
export function parseTemplate(text: string, path: string): CfnTemplate {
  const isYaml = /\.ya?ml$/i.test(path);
  let parsed: unknown;
  try {
    parsed = isYaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InvalidTemplateError(`${path} is not valid ${isYaml ? 'YAML' : 'JSON'}: ${detail}`, {
      cause: error,
    });
  }
  if (!isJsonObject(parsed)) {
    throw new InvalidTemplateError(`${path} is not a CloudFormation template: the document is not an object`);
  }
  const resources = parsed.Resources;
  if (!isJsonObject(resources) || Object.keys(resources).length === 0) {
    throw new InvalidTemplateError(`${path} is not a CloudFormation template: it has no Resources`);
  }
  const checked: Record<string, CfnResource> = {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource) || typeof resource.Type !== 'string' || resource.Type === '') {
      throw new InvalidTemplateError(`${path}: resource ${logicalId} has no Type`);
    }
    const properties = resource.Properties ?? {};
    if (!isJsonObject(properties)) {
      throw new InvalidTemplateError(`${path}: resource ${logicalId} has Properties that are not an object`);
    }
    checked[logicalId] = { ...resource, Type: resource.Type, Properties: properties };
  }
  return {
    Resources: checked,
    Metadata: isJsonObject(parsed.Metadata) ? parsed.Metadata : undefined,
    Parameters: isJsonObject(parsed.Parameters) ? parsed.Parameters : undefined,
    Outputs: isJsonObject(parsed.Outputs) ? parsed.Outputs : undefined,
  };
}
