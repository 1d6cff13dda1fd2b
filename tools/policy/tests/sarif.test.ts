import { join } from 'node:path';
import { runPolicy } from '../src/policy-run';
import { ALL_RULES } from '../src/rule-catalog';
import { SARIF_ROOT_BASE_ID, toSarif } from '../src/sarif';
import { sarifValidator } from './sarif-schema';

const fixtures = join(__dirname, 'fixtures');
const workspace = join(fixtures, 'workspace');
const validate = sarifValidator();

describe('toSarif', () => {
  const manyFaults = runPolicy([join(fixtures, 'many-faults')], { cwd: fixtures, root: fixtures });
  const catalog = runPolicy(['dist'], { cwd: workspace, root: workspace });

  it('validates against the SARIF 2.1.0 schema, for a template with many findings and one with a suppression', () => {
    for (const results of [manyFaults, catalog]) {
      const log = toSarif(results, { root: fixtures });
      expect(validate(log) ? [] : validate.errors).toEqual([]);
    }
  });

  it('the validator rejects a broken log (so the check above means something)', () => {
    const log = toSarif(manyFaults, { root: fixtures });
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });

  it('describes every rule: help text with the remediation and mappings, tags with the NIST controls', () => {
    const [run] = toSarif([], { root: fixtures }).runs;
    expect(run?.tool.driver.rules.map((rule) => rule.id)).toEqual(ALL_RULES.map((rule) => rule.id));
    const iam001 = run?.tool.driver.rules.find((rule) => rule.id === 'SFP-IAM-001');
    expect(iam001).toMatchObject({
      name: 'IamPoliciesGrantNoAction',
      shortDescription: { text: 'IAM policies grant no `*` action' },
      defaultConfiguration: { level: 'error' },
      properties: {
        'security-severity': '8.0',
        cfnNag: ['F3', 'F4', 'F5'],
        checkov: ['CKV_AWS_62', 'CKV_AWS_63'],
      },
    });
    expect(iam001?.help.text).toContain('Remediation: List the actions');
    expect(iam001?.help.text).toContain('cdk-nag: AwsSolutions-IAM5');
    expect(iam001?.properties.tags).toEqual(
      expect.arrayContaining(['security', 'iam', 'NIST-800-53:AC-3', 'NIST-800-53:AC-6']),
    );
  });

  it('locates results in the template, relative to the workspace root, when the serverless.yml is unknown', () => {
    const [run] = toSarif(manyFaults, { root: fixtures }).runs;
    const result = run?.results.find((candidate) => candidate.ruleId === 'SFP-LAMBDA-001');
    expect(result?.locations[0]).toEqual({
      physicalLocation: {
        artifactLocation: {
          uri: 'many-faults/cloudformation-template-update-stack.json',
          uriBaseId: SARIF_ROOT_BASE_ID,
        },
        region: { startLine: expect.any(Number) },
      },
      logicalLocations: [
        {
          name: 'LegacyLambdaFunction',
          kind: 'resource',
          fullyQualifiedName: 'legacy-prod/LegacyLambdaFunction',
        },
      ],
    });
    expect(result?.relatedLocations).toBeUndefined();
    expect(run?.originalUriBaseIds[SARIF_ROOT_BASE_ID]?.uri).toMatch(/^file:\/\/\/.*\/fixtures\/$/);
  });

  it('locates results in the serverless.yml when known, with the template as a related location, and marks suppressions', () => {
    const [run] = toSarif(catalog, { root: workspace }).runs;
    const [result] = run?.results ?? [];
    expect(result).toMatchObject({
      ruleId: 'SFP-LAMBDA-004',
      level: 'warning',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'apps/catalog/serverless.yml', uriBaseId: SARIF_ROOT_BASE_ID },
          },
        },
      ],
      relatedLocations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'dist/catalog/prod/cloudformation-template-update-stack.json' },
          },
        },
      ],
      suppressions: [
        {
          kind: 'inSource',
          status: 'accepted',
          justification: expect.stringContaining('Health checks are not traced'),
        },
      ],
    });
    expect(run?.results).toHaveLength(1);
  });

  it('uses absolute file URIs for files outside the workspace root', () => {
    const outside = runPolicy([join(fixtures, 'many-faults')], { cwd: fixtures, root: workspace });
    const [run] = toSarif(outside, { root: workspace }).runs;
    expect(validate({ version: '2.1.0', runs: [run] }) ? [] : validate.errors).toEqual([]);
    expect(run?.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({
      uri: expect.stringMatching(/^file:\/\/\/.*many-faults\/cloudformation-template-update-stack\.json$/),
    });
  });

  it('gives each result a fingerprint that stays the same across runs and differs between findings', () => {
    const fingerprints = (log: ReturnType<typeof toSarif>) =>
      log.runs[0]?.results.map((result) => result.partialFingerprints['sfpPolicyFinding/v1']);
    const first = fingerprints(toSarif(manyFaults, { root: fixtures }));
    expect(
      fingerprints(
        toSarif(runPolicy([join(fixtures, 'many-faults')], { cwd: fixtures, root: fixtures }), {
          root: fixtures,
        }),
      ),
    ).toEqual(first);
    expect(new Set(first).size).toBe(first?.length);
  });
});
