import { referencedId, renderString } from './intrinsics';
import { isJsonObject } from './json-value';
import { readPlatformMetadata, type PlatformMetadata } from './platform-metadata';
import type { CfnResource, CfnTemplate } from './template';

/** Stages that count as development: rules for "outside dev" skip them. */
const DEV_STAGES = new Set(['dev', 'local']);

/**
 * A template prepared for rules: typed access to resources, references resolved inside the
 * template, tags, stage and the platform metadata.
 *
 * @example
 * import { parseTemplate } from './template';
 * declare const text: string;
 * const context = new TemplateContext(parseTemplate(text, 'cloudformation-template-update-stack.json'));
 * for (const [id, table] of context.ofType('AWS::DynamoDB::Table')) context.isOutsideDev(id);
 */
export class TemplateContext {
  readonly platform: PlatformMetadata;

  constructor(readonly template: CfnTemplate) {
    this.platform = readPlatformMetadata(template);
  }

  /** The resource with this logical id, if the template has it. */
  resource(logicalId: string): CfnResource | undefined {
    return Object.hasOwn(this.template.Resources, logicalId) ? this.template.Resources[logicalId] : undefined;
  }

  /** Every resource of the given types, as `[logicalId, resource]`, in template order. */
  ofType(...types: string[]): Array<[string, CfnResource]> {
    return Object.entries(this.template.Resources).filter(([, resource]) => types.includes(resource.Type));
  }

  /**
   * The logical id of the resource of this template that a value points at (`Ref`, `Fn::GetAtt`,
   * `Fn::Sub: ${Id.Arn}`), or `undefined` when it points elsewhere or is not a reference.
   */
  resolve(value: unknown): string | undefined {
    const id = referencedId(value);
    return id !== undefined && this.resource(id) ? id : undefined;
  }

  /**
   * The tags of a resource, from either shape CloudFormation uses (a `[{ Key, Value }]` list or a
   * `{ key: value }` map), or `undefined` when it has no `Tags` property.
   */
  tags(resource: CfnResource): Map<string, unknown> | undefined {
    const tags = resource.Properties.Tags;
    if (Array.isArray(tags)) {
      const map = new Map<string, unknown>();
      for (const tag of tags)
        if (isJsonObject(tag) && typeof tag.Key === 'string') map.set(tag.Key, tag.Value);
      return map;
    }
    return isJsonObject(tags) ? new Map(Object.entries(tags)) : undefined;
  }

  /** The literal value of one tag, or `undefined`. */
  tagValue(resource: CfnResource, key: string): string | undefined {
    const value = this.tags(resource)?.get(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  /** The stage a resource is deployed to: `Metadata.Platform.stage`, else its `env` tag. */
  stageOf(logicalId: string): string | undefined {
    if (this.platform.stage) return this.platform.stage;
    const resource = this.resource(logicalId);
    return resource ? this.tagValue(resource, 'env') : undefined;
  }

  /** True unless the resource's stage is known to be `dev` or `local`: an unknown stage is not dev. */
  isOutsideDev(logicalId: string): boolean {
    const stage = this.stageOf(logicalId);
    return stage === undefined || !DEV_STAGES.has(stage.toLowerCase());
  }

  /** The service name: `Metadata.Platform.service`, else the `service` tag of the resource. */
  serviceOf(logicalId: string): string | undefined {
    if (this.platform.service) return this.platform.service;
    const resource = this.resource(logicalId);
    return resource ? this.tagValue(resource, 'service') : undefined;
  }

  /**
   * The logical id of the Lambda function a value designates: a reference to the function (or to
   * one of its versions or aliases), or its name or ARN as a string matching a function's
   * `FunctionName`.
   */
  functionOf(value: unknown): string | undefined {
    const id = this.resolve(value);
    if (id !== undefined) {
      const resource = this.resource(id);
      if (resource?.Type === 'AWS::Lambda::Function') return id;
      if (resource?.Type === 'AWS::Lambda::Version' || resource?.Type === 'AWS::Lambda::Alias') {
        return this.functionOf(resource.Properties.FunctionName);
      }
      return undefined;
    }
    const rendered = renderString(value);
    if (!rendered) return undefined;
    const name = /:function:([^:]+)/.exec(rendered.text)?.[1] ?? rendered.text;
    return this.ofType('AWS::Lambda::Function').find(
      ([, fn]) => renderString(fn.Properties.FunctionName)?.text === name,
    )?.[0];
  }
}
