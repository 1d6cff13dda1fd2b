import { renderString } from '../intrinsics';
import { objectAt } from '../json-value';
import type { ResourceRule, Violation } from '../rule';
import type { TemplateContext } from '../template-context';

const LOG_GROUP = 'AWS::Logs::LogGroup';

/** Texts a log group name may have to be the one a function writes to. */
function expectedLogGroupNames(context: TemplateContext, functionId: string): string[] {
  const fn = context.resource(functionId);
  const name = renderString(fn?.Properties.FunctionName);
  return [`/aws/lambda/\${${functionId}}`, ...(name ? [`/aws/lambda/${name.text}`] : [])];
}

const functionLogGroupDeclared: ResourceRule = {
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
export const LOGS_RULES: readonly ResourceRule[] = [functionLogGroupDeclared];
