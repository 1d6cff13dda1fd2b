import { checkTemplate } from '../src/check-template';
import { subjectKey, type Finding } from '../src/finding';
import type { CfnTemplate } from '../src/template';

/** Two functions without active tracing (SFP-LAMBDA-004 fires on both), nothing else wrong. */
function template(policy: Record<string, unknown>): CfnTemplate {
  const fn = (name: string) => ({
    Type: 'AWS::Lambda::Function',
    Properties: {
      FunctionName: name,
      Runtime: 'nodejs22.x',
      MemorySize: 512,
      Timeout: 10,
      LoggingConfig: { LogGroup: 'shared' },
      Role: { 'Fn::GetAtt': [`${name}Role`, 'Arn'] },
    },
  });
  const role = {
    Type: 'AWS::IAM::Role',
    Properties: {
      Tags: [
        { Key: 'owner', Value: 'o' },
        { Key: 'env', Value: 'prod' },
        { Key: 'cost-center', Value: 'c' },
      ],
    },
  };
  return {
    Metadata: { Platform: { service: 'catalog', stage: 'prod', policy } },
    Resources: { Health: fn('Health'), HealthRole: role, List: fn('List'), ListRole: role },
  };
}

const describeFinding = (finding: Finding) =>
  `${finding.ruleId} ${subjectKey(finding)}${finding.suppression ? ` suppressed: ${finding.suppression.reason}` : ''}`;
const check = (policy: Record<string, unknown>) =>
  checkTemplate(template(policy))
    .filter((finding) => finding.ruleId !== 'SFP-TAG-001')
    .map(describeFinding);

describe('suppressions', () => {
  it('without suppressions, the rule fires on every function', () => {
    expect(check({})).toEqual(['SFP-LAMBDA-004 Health', 'SFP-LAMBDA-004 List']);
  });

  it('with a reason and a resource, covers that resource only', () => {
    expect(
      check({ suppress: [{ id: 'SFP-LAMBDA-004', resource: 'Health', reason: 'health check' }] }),
    ).toEqual(['SFP-LAMBDA-004 Health suppressed: health check', 'SFP-LAMBDA-004 List']);
  });

  it('without a resource, covers the rule on every resource', () => {
    expect(
      check({ suppress: [{ id: 'SFP-LAMBDA-004', reason: 'tracing is sampled at the gateway' }] }),
    ).toEqual([
      'SFP-LAMBDA-004 Health suppressed: tracing is sampled at the gateway',
      'SFP-LAMBDA-004 List suppressed: tracing is sampled at the gateway',
    ]);
  });

  it('without a reason (or with a blank one), suppresses nothing and is reported', () => {
    expect(
      check({
        suppress: [
          { id: 'SFP-LAMBDA-004', resource: 'Health' },
          { id: 'SFP-LAMBDA-004', resource: 'List', reason: '  ' },
        ],
      }),
    ).toEqual([
      'SFP-LAMBDA-004 Health',
      'SFP-LAMBDA-004 List',
      'SFP-POLICY-001 suppress[0]',
      'SFP-POLICY-001 suppress[1]',
    ]);
  });

  it('keeps the first reason when two suppressions cover the same finding', () => {
    expect(
      check({
        suppress: [
          { id: 'SFP-LAMBDA-004', resource: 'Health', reason: 'first' },
          { id: 'SFP-LAMBDA-004', reason: 'second' },
        ],
      }),
    ).toEqual(['SFP-LAMBDA-004 Health suppressed: first', 'SFP-LAMBDA-004 List suppressed: second']);
  });

  it('cannot suppress the findings about suppressions', () => {
    expect(
      check({
        suppress: [
          { id: 'SFP-LAMBDA-004', resource: 'Health' },
          { id: 'SFP-POLICY-001', reason: 'hide the missing reason' },
        ],
      }),
    ).toEqual([
      'SFP-LAMBDA-004 Health',
      'SFP-LAMBDA-004 List',
      'SFP-POLICY-001 suppress[0]',
      'SFP-POLICY-002 suppress[1]',
    ]);
  });

  it('reports entries that are not objects as naming no rule', () => {
    expect(check({ suppress: ['SFP-LAMBDA-004'] })).toContain('SFP-POLICY-002 suppress[0]');
  });

  it('says what is wrong in the message', () => {
    const messages = checkTemplate(
      template({
        suppress: [
          { id: 'SFP-LAMBDA-004', resource: 'Health' },
          { id: 'SFP-NOPE-001', reason: 'r' },
          { id: 'SFP-LAMBDA-004', resource: 'Gone', reason: 'r' },
          { id: 'SFP-LAMBDA-001', reason: 'r' },
        ],
        publicRoutes: ['GET /catalog/gone'],
      }),
    )
      .filter((finding) => finding.ruleId.startsWith('SFP-POLICY-'))
      .map((finding) => finding.message);
    expect(messages).toEqual([
      'suppression 1 (SFP-LAMBDA-004 on Health) gives no reason, so it suppresses nothing',
      'suppression 2 (SFP-NOPE-001) names SFP-NOPE-001, which is not a rule',
      'suppression 3 (SFP-LAMBDA-004 on Gone) names Gone, which is not a resource of this template',
      'suppression 4 (SFP-LAMBDA-001) suppresses nothing: the rule does not fire there',
      'public route "GET /catalog/gone" matches no route of this template',
    ]);
  });

  it('names the checkov check to suppress instead when an entry names a retired rule', () => {
    const messages = checkTemplate(
      template({
        suppress: [
          { id: 'SFP-LAMBDA-007', reason: 'bounded by stage throttling' },
          { id: 'SFP-SQS-001', reason: 'no queue' },
        ],
      }),
    )
      .filter((finding) => finding.ruleId === 'SFP-POLICY-002')
      .map((finding) => finding.message);
    expect(messages).toEqual([
      'suppression 1 (SFP-LAMBDA-007) names SFP-LAMBDA-007, a retired rule: checkov checks it now, so suppress CKV_AWS_115 instead',
      'suppression 2 (SFP-SQS-001) names SFP-SQS-001, a retired rule: remove the entry',
    ]);
  });

  it('leaves checkov suppressions to checkov, but still requires a reason and an existing resource', () => {
    expect(
      check({
        suppress: [
          { id: 'CKV_AWS_115', reason: 'bounded by stage throttling' },
          { id: 'CKV_AWS_117', resource: 'Health' },
          { id: 'CKV_AWS_116', resource: 'Gone', reason: 'r' },
        ],
      }),
    ).toEqual([
      'SFP-LAMBDA-004 Health',
      'SFP-LAMBDA-004 List',
      'SFP-POLICY-001 suppress[1]',
      'SFP-POLICY-003 suppress[2]',
    ]);
  });
});
