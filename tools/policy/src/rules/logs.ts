import { renderString } from '../intrinsics';
import { objectAt } from '../json-value';
import type { ResourceRule, Violation } from '../rule';
import type { TemplateContext } from '../template-context';

const LOG_GROUP = 'AWS::Logs::LogGroup';

export const logGroupRetention: ResourceRule = {
  id: 'SFP-LOGS-001',
  title: 'Log groups set a retention period',
  severity: 'error',
  resourceTypes: [LOG_GROUP],
  description:
    'Without `RetentionInDays` logs are kept forever: the cost grows without bound and so does the personal data kept.',
  remediation: 'Set `provider.logRetentionInDays` (the shared `params` set it per stage).',
  mappings: {
    cdkNag: [
      'NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod',
      'Serverless-CloudWatchLogGroupRetentionPeriod',
    ],
    checkov: ['CKV_AWS_66'],
    cfnNag: ['W86'],
    nist80053: ['AU-11', 'SI-12'],
  },
  check: (context) =>
    context
      .ofType(LOG_GROUP)
      .flatMap(([id, group]) =>
        group.Properties.RetentionInDays === undefined
          ? [{ resource: id, message: 'sets no RetentionInDays, so logs are kept forever' }]
          : [],
      ),
};

/** Texts a log group name may have to be the one a function writes to. */
function expectedLogGroupNames(context: TemplateContext, functionId: string): string[] {
  const fn = context.resource(functionId);
  const name = renderString(fn?.Properties.FunctionName);
  return [`/aws/lambda/\${${functionId}}`, ...(name ? [`/aws/lambda/${name.text}`] : [])];
}

export const functionLogGroupDeclared: ResourceRule = {
  id: 'SFP-LOGS-002',
  title: 'Every function writes to a log group declared in the template',
  severity: 'warning',
  resourceTypes: ['AWS::Lambda::Function', LOG_GROUP],
  description:
    'When no log group is declared, Lambda creates `/aws/lambda/<name>` on first run, with no retention ' +
    'and no tags, outside the stack.',
  remediation:
    'Keep the framework-generated `<Function>LogGroup` (do not disable logs), or set `LoggingConfig.LogGroup` to a declared group.',
  mappings: {
    cdkNag: [],
    checkov: [],
    cfnNag: [],
    nist80053: ['AU-11', 'AU-12'],
  },
  check: (context) => {
    const declared = new Set(
      context.ofType(LOG_GROUP).flatMap(([, group]) => {
        const name = renderString(group.Properties.LogGroupName);
        return name ? [name.text] : [];
      }),
    );
    return context.ofType('AWS::Lambda::Function').flatMap(([id, fn]): Violation[] => {
      if (objectAt(fn.Properties, 'LoggingConfig')?.LogGroup !== undefined) return [];
      if (expectedLogGroupNames(context, id).some((name) => declared.has(name))) return [];
      return [
        {
          resource: id,
          message:
            'writes to a log group that is not declared in the template (created on first run, kept forever)',
        },
      ];
    });
  },
};

/** The CloudWatch Logs rules, in ID order. */
export const LOGS_RULES: readonly ResourceRule[] = [logGroupRetention, functionLogGroupDeclared];
