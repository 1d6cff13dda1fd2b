import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTemplate } from '../src/check-template';
import { subjectKey } from '../src/finding';
import { countFindings, runPolicy } from '../src/policy-run';
import { toSarif } from '../src/sarif';
import { parseTemplate } from '../src/template';
import { sarifValidator } from './sarif-schema';

const fixtures = join(__dirname, 'fixtures');
const findingsOf = (path: string) =>
  checkTemplate(parseTemplate(readFileSync(join(fixtures, path), 'utf8'), path)).map(
    (finding) => `${finding.ruleId} ${subjectKey(finding)}${finding.suppression ? ' (suppressed)' : ''}`,
  );

describe('a template breaking many rules at once', () => {
  const findings = findingsOf('many-faults/cloudformation-template-update-stack.json');

  it.each([
    ['a wildcard role', 'SFP-IAM-001 LegacyIamRoleLambdaExecution'],
    ['an AWS-managed admin policy', 'SFP-IAM-004 LegacyIamRoleLambdaExecution'],
    ['a deprecated runtime', 'SFP-LAMBDA-001 LegacyLambdaFunction'],
    ['a secret in the environment', 'SFP-LAMBDA-005 LegacyLambdaFunction'],
    ['a public function URL', 'SFP-LAMBDA-008 LegacyLambdaFunctionUrl'],
    ['a `*` invoke principal', 'SFP-LAMBDA-009 LegacyLambdaPermissionFnUrl'],
    ['a table without PITR', 'SFP-DDB-001 LegacyTable'],
    ['a table without tags', 'SFP-TAG-001 LegacyTable'],
    ['a route without authorizer', 'SFP-APIGW-001 HttpApiRoutePostLegacyOrders'],
    ['a stage without access logs', 'SFP-APIGW-002 HttpApiStage'],
    ['a log group without retention', 'SFP-LOGS-001 LegacyLogGroup'],
  ])('reports %s (%s)', (_fault, finding) => {
    expect(findings).toContain(finding);
  });

  it('reports each fault under a distinct rule', () => {
    const faultRules = [
      'SFP-IAM-001',
      'SFP-IAM-004',
      'SFP-LAMBDA-001',
      'SFP-LAMBDA-005',
      'SFP-LAMBDA-008',
      'SFP-LAMBDA-009',
      'SFP-DDB-001',
      'SFP-TAG-001',
      'SFP-APIGW-001',
      'SFP-APIGW-002',
      'SFP-LOGS-001',
    ];
    expect(new Set(faultRules).size).toBe(faultRules.length);
    expect(faultRules.filter((rule) => !findings.some((finding) => finding.startsWith(`${rule} `)))).toEqual(
      [],
    );
  });

  it('produces SARIF that validates against the 2.1.0 schema', () => {
    const validate = sarifValidator();
    const log = toSarif(runPolicy([join(fixtures, 'many-faults')], { cwd: fixtures, root: fixtures }), {
      root: fixtures,
    });
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0]?.results.length).toBe(findings.length);
  });
});

describe("today's catalog template at stage prod (serverless package --stage prod)", () => {
  it('fails on exactly two things the platform config should fix: the deployment bucket and reserved concurrency', () => {
    expect(findingsOf('catalog-prod/cloudformation-template-update-stack.json')).toEqual([
      'SFP-LAMBDA-007 HealthLambdaFunction',
      'SFP-S3-001 ServerlessDeploymentBucket',
    ]);
  });
});

describe('the catalog with its product routes, as packaged from the working tree on 2026-11-30', () => {
  it('passes every rule but the two platform fixes: JWT routes, per-function roles, alarms and metadata included', () => {
    expect(findingsOf('catalog-prod-products/cloudformation-template-update-stack.json')).toEqual([
      'SFP-LAMBDA-007 HealthLambdaFunction',
      'SFP-LAMBDA-007 PutProductLambdaFunction',
      'SFP-LAMBDA-007 GetProductLambdaFunction',
      'SFP-LAMBDA-007 ListProductsLambdaFunction',
      'SFP-LAMBDA-007 DeleteProductLambdaFunction',
      'SFP-S3-001 ServerlessDeploymentBucket',
    ]);
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
      expect.stringMatching(/^Health check is a single DescribeTable call/),
    ]);
  });

  it('points the suppressed finding at the function in the serverless.yml', () => {
    expect(results[0]?.findings[0]?.location).toEqual({ file: 'apps/catalog/serverless.yml', line: 22 });
  });
});
