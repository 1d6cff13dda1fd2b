import type { CfnResource, CfnTemplate } from '../src/template';
import { TemplateContext } from '../src/template-context';

const resource = (Type: string, Properties: Record<string, unknown> = {}): CfnResource => ({
  Type,
  Properties,
});

function context(
  resources: Record<string, CfnResource>,
  platform?: Record<string, unknown>,
): TemplateContext {
  const template: CfnTemplate = {
    Resources: resources,
    Metadata: platform ? { Platform: platform } : undefined,
  };
  return new TemplateContext(template);
}

describe('TemplateContext', () => {
  describe('stage', () => {
    const tagged = (env: string) => resource('AWS::DynamoDB::Table', { Tags: [{ Key: 'env', Value: env }] });

    it('comes from Metadata.Platform.stage before any tag', () => {
      const ctx = context({ Table: tagged('prod') }, { stage: 'dev' });
      expect(ctx.stageOf('Table')).toBe('dev');
      expect(ctx.isOutsideDev('Table')).toBe(false);
    });

    it('falls back to the env tag of the resource, in list or map form', () => {
      const ctx = context({
        Listed: tagged('staging'),
        Mapped: resource('AWS::ApiGatewayV2::Stage', { Tags: { env: 'LOCAL' } }),
      });
      expect(ctx.isOutsideDev('Listed')).toBe(true);
      expect(ctx.isOutsideDev('Mapped')).toBe(false);
    });

    it('is unknown without metadata or tag, and an unknown stage counts as outside dev', () => {
      const ctx = context({ Table: resource('AWS::DynamoDB::Table') });
      expect(ctx.stageOf('Table')).toBeUndefined();
      expect(ctx.isOutsideDev('Table')).toBe(true);
      expect(ctx.stageOf('Missing')).toBeUndefined();
    });
  });

  describe('serviceOf', () => {
    it('prefers the metadata service, then the service tag', () => {
      const api = resource('AWS::ApiGatewayV2::Api', { Tags: { service: 'catalog' } });
      expect(context({ Api: api }).serviceOf('Api')).toBe('catalog');
      expect(context({ Api: api }, { service: 'orders' }).serviceOf('Api')).toBe('orders');
      expect(context({ Api: resource('AWS::ApiGatewayV2::Api') }).serviceOf('Api')).toBeUndefined();
    });
  });

  describe('resolve', () => {
    it('finds resources of the template only, not pseudo parameters or unknown ids', () => {
      const ctx = context({ Queue: resource('AWS::SQS::Queue') });
      expect(ctx.resolve({ 'Fn::GetAtt': ['Queue', 'Arn'] })).toBe('Queue');
      expect(ctx.resolve({ Ref: 'AWS::Region' })).toBeUndefined();
      expect(ctx.resolve({ Ref: 'Other' })).toBeUndefined();
      expect(ctx.resolve({ Ref: 'toString' })).toBeUndefined();
    });
  });

  describe('functionOf', () => {
    const ctx = context({
      HealthLambdaFunction: resource('AWS::Lambda::Function', { FunctionName: 'catalog-prod-health' }),
      HealthLambdaVersion: resource('AWS::Lambda::Version', {
        FunctionName: { Ref: 'HealthLambdaFunction' },
      }),
      LiveAlias: resource('AWS::Lambda::Alias', { FunctionName: { Ref: 'HealthLambdaFunction' } }),
      Queue: resource('AWS::SQS::Queue'),
    });

    it.each([
      ['a reference to the function', { 'Fn::GetAtt': ['HealthLambdaFunction', 'Arn'] }],
      ['a reference to a version', { Ref: 'HealthLambdaVersion' }],
      ['a reference to an alias', { Ref: 'LiveAlias' }],
      ['its name', 'catalog-prod-health'],
      ['its ARN', 'arn:aws:lambda:eu-west-1:123456789012:function:catalog-prod-health'],
      [
        'a qualified ARN built with Fn::Sub',
        {
          'Fn::Sub':
            'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:catalog-prod-health:live',
        },
      ],
    ])('finds the function from %s', (_case, value) => {
      expect(ctx.functionOf(value)).toBe('HealthLambdaFunction');
    });

    it('finds nothing for other resources and other names', () => {
      expect(ctx.functionOf({ Ref: 'Queue' })).toBeUndefined();
      expect(ctx.functionOf('inventory-prod-reserve')).toBeUndefined();
      expect(ctx.functionOf(42)).toBe(undefined);
      expect(ctx.functionOf({ Key: 'x' })).toBeUndefined();
    });
  });

  describe('tags', () => {
    it('reads list and map tags, skips malformed entries, and is undefined without Tags', () => {
      const ctx = context({});
      expect(
        ctx.tags(
          resource('AWS::S3::Bucket', { Tags: [{ Key: 'owner', Value: 'a' }, 'junk', { Value: 'no key' }] }),
        ),
      ).toEqual(new Map([['owner', 'a']]));
      expect(ctx.tags(resource('AWS::SSM::Parameter', { Tags: { owner: 'a' } }))).toEqual(
        new Map([['owner', 'a']]),
      );
      expect(ctx.tags(resource('AWS::S3::Bucket'))).toBeUndefined();
      expect(
        ctx.tagValue(resource('AWS::S3::Bucket', { Tags: { env: { Ref: 'Stage' } } }), 'env'),
      ).toBeUndefined();
    });
  });
});
