import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTemplate } from '../src/check-template';
import { subjectKey } from '../src/finding';
import { countFindings, runPolicy } from '../src/policy-run';
import { toSarif } from '../src/sarif';
import { parseTemplate } from '../src/template';
import { sarifValidator } from './sarif-schema';
import { failedCheckovChecks } from './support/checkov';

const fixtures = join(__dirname, 'fixtures');
const findingsOf = (path: string) =>
  checkTemplate(parseTemplate(readFileSync(join(fixtures, path), 'utf8'), path)).map(
    (finding) => `${finding.ruleId} ${subjectKey(finding)}${finding.suppression ? ' (suppressed)' : ''}`,
  );

describe('a template breaking many rules at once, checked by both tools', () => {
  const template = 'many-faults/cloudformation-template-update-stack.json';
  const findings = findingsOf(template);
  let checkov: string[];
  beforeAll(() => {
    const failed = failedCheckovChecks(join(fixtures, 'many-faults'));
    checkov = [...failed].flatMap(([key, checks]) =>
      [...checks].map((check) => `${check} ${key.split('#')[1]}`),
    );
  }, 180_000);

  it.each([
    ['a wildcard role', 'SFP-IAM-001 LegacyIamRoleLambdaExecution'],
    ['an AWS-managed admin policy', 'SFP-IAM-004 LegacyIamRoleLambdaExecution'],
    ['a deprecated runtime', 'SFP-LAMBDA-001 LegacyLambdaFunction'],
    ['a secret in the environment', 'SFP-LAMBDA-005 LegacyLambdaFunction'],
    ['a `*` invoke principal', 'SFP-LAMBDA-009 LegacyLambdaPermissionFnUrl'],
    ['a table without tags', 'SFP-TAG-001 LegacyTable'],
    ['a route without authorizer', 'SFP-APIGW-001 HttpApiRoutePostLegacyOrders'],
  ])('tools/policy reports %s (%s)', (_fault, finding) => {
    expect(findings).toContain(finding);
  });

  it.each([
    ['a public function URL', 'CKV_AWS_258 LegacyLambdaFunctionUrl'],
    ['a table without PITR', 'CKV_AWS_28 LegacyTable'],
    ['a stage without access logs', 'CKV_AWS_95 HttpApiStage'],
    ['a log group without retention', 'CKV_AWS_66 LegacyLogGroup'],
  ])('checkov reports %s, which tools/policy left to it (%s)', (_fault, finding) => {
    expect(checkov).toContain(finding);
  });

  it('has tools/policy report nothing but those faults, and what the wildcard role also grants (`*` resources, invoking internal functions)', () => {
    expect([...new Set(findings)].sort()).toEqual([
      'SFP-APIGW-001 HttpApiRoutePostLegacyOrders',
      'SFP-IAM-001 LegacyIamRoleLambdaExecution',
      'SFP-IAM-002 LegacyIamRoleLambdaExecution',
      'SFP-IAM-004 LegacyIamRoleLambdaExecution',
      'SFP-IAM-009 LegacyIamRoleLambdaExecution',
      'SFP-LAMBDA-001 LegacyLambdaFunction',
      'SFP-LAMBDA-005 LegacyLambdaFunction',
      'SFP-LAMBDA-009 LegacyLambdaPermissionFnUrl',
      'SFP-TAG-001 LegacyTable',
    ]);
  });

  it('produces SARIF that validates against the 2.1.0 schema, one result per finding', () => {
    const validate = sarifValidator();
    const log = toSarif(runPolicy([join(fixtures, 'many-faults')], { cwd: fixtures, root: fixtures }), {
      root: fixtures,
    });
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0]?.results.length).toBe(findings.length);
  });
});

describe('the catalog template once the platform writes its metadata and blocks public bucket access', () => {
  const results = runPolicy(['dist'], {
    cwd: join(fixtures, 'workspace'),
    root: join(fixtures, 'workspace'),
  });

  it('passes with zero unsuppressed findings, every suppression with a reason', () => {
    expect(countFindings(results)).toEqual({ templates: 1, errors: 0, warnings: 0, notes: 0, suppressed: 1 });
    expect(results[0]?.findings.map((finding) => finding.suppression?.reason)).toEqual([
      expect.stringMatching(/^Health checks are not traced/),
    ]);
  });

  it('points the suppressed finding at the function in the serverless.yml', () => {
    expect(results[0]?.findings[0]?.location).toEqual({ file: 'apps/catalog/serverless.yml', line: 22 });
  });
});
