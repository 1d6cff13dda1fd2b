const { PLATFORM_WAIVERS, writeCheckovSkips } = require('../src/checkov-skips');

function template() {
  return {
    Resources: {
      HealthLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: {} },
      PutLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: {}, Metadata: { kept: true } },
      ServiceTable: { Type: 'AWS::DynamoDB::Table', Properties: {} },
      ServerlessDeploymentBucket: { Type: 'AWS::S3::Bucket', Properties: {} },
      OtherBucket: { Type: 'AWS::S3::Bucket', Properties: {} },
    },
  };
}
const skipIds = (resource) => (resource.Metadata?.checkov?.skip ?? []).map((entry) => entry.id).sort();

describe('writeCheckovSkips', () => {
  it('writes every platform waiver onto the resources of its type, with its reason as the comment', () => {
    const t = template();
    writeCheckovSkips(t);
    expect(skipIds(t.Resources.HealthLambdaFunction)).toEqual(['CKV_AWS_116', 'CKV_AWS_117', 'CKV_AWS_173']);
    expect(skipIds(t.Resources.ServiceTable)).toEqual(['CKV_AWS_119']);
    const vpc = t.Resources.HealthLambdaFunction.Metadata.checkov.skip.find((e) => e.id === 'CKV_AWS_117');
    expect(vpc.comment).toBe(PLATFORM_WAIVERS.find((w) => w.id === 'CKV_AWS_117').reason);
    expect(t.Resources.PutLambdaFunction.Metadata.kept).toBe(true);
  });

  it('limits a waiver that names a logical id to that resource', () => {
    const t = template();
    writeCheckovSkips(t);
    expect(skipIds(t.Resources.ServerlessDeploymentBucket)).toEqual(['CKV_AWS_18', 'CKV_AWS_21']);
    expect(skipIds(t.Resources.OtherBucket)).toEqual([]);
  });

  it("adds the service's checkov suppressions on the named resource, or on every resource when none is named", () => {
    const t = template();
    writeCheckovSkips(t, [
      { id: 'CKV_AWS_115', reason: 'bounded by stage throttling' },
      { id: 'CKV_AWS_28', resource: 'ServiceTable', reason: 'a cache table' },
    ]);
    for (const resource of Object.values(t.Resources)) expect(skipIds(resource)).toContain('CKV_AWS_115');
    expect(skipIds(t.Resources.ServiceTable)).toContain('CKV_AWS_28');
    expect(skipIds(t.Resources.HealthLambdaFunction)).not.toContain('CKV_AWS_28');
  });

  it('leaves out suppressions without a reason and those naming platform rules, and writes each id once', () => {
    const t = template();
    const written = writeCheckovSkips(t, [
      { id: 'CKV_AWS_115', resource: 'PutLambdaFunction' },
      { id: 'CKV_AWS_115', resource: 'PutLambdaFunction', reason: '  ' },
      { id: 'SFP-IAM-001', resource: 'PutLambdaFunction', reason: 'not checkov' },
      { id: 'CKV_AWS_117', resource: 'PutLambdaFunction', reason: 'already waived by the platform' },
      'not an entry',
    ]);
    expect(skipIds(t.Resources.PutLambdaFunction)).toEqual(['CKV_AWS_116', 'CKV_AWS_117', 'CKV_AWS_173']);
    expect(written).toBe(3 + 3 + 1 + 2);
    expect(writeCheckovSkips(t)).toBe(0);
  });

  it('gives every platform waiver a checkov id, a resource type and a reason', () => {
    for (const waiver of PLATFORM_WAIVERS) {
      expect(waiver.id).toMatch(/^CKV2?_AWS_\d+$/);
      expect(waiver.type).toMatch(/^AWS::\w+::\w+$/);
      expect(waiver.reason).toMatch(/\w+ \w+/);
    }
  });
});
