import { readBoolean } from '../intrinsics';
import { isJsonObject, objectAt } from '../json-value';
import { readStatements, type PolicyStatement } from '../policy-document';
import type { ResourceRule } from '../rule';

const BUCKET = 'AWS::S3::Bucket';
const BLOCK_SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

export const s3BlockPublicAccess: ResourceRule = {
  id: 'SFP-S3-001',
  title: 'Buckets block public access',
  severity: 'error',
  resourceTypes: [BUCKET],
  description:
    'The four public access block settings stop an ACL or a bucket policy from ever making objects ' +
    "public; the deployment bucket holds every function's code.",
  remediation:
    'Set `PublicAccessBlockConfiguration` with all four settings true; for the deployment bucket, `provider.deploymentBucket.blockPublicAccess: true`.',
  mappings: {
    cdkNag: ['AwsSolutions-S2', 'NIST.800.53.R5-S3BucketLevelPublicAccessProhibited'],
    checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    cfnNag: [],
    nist80053: ['AC-3', 'AC-6', 'SC-7'],
  },
  check: (context) =>
    context.ofType(BUCKET).flatMap(([id, bucket]) => {
      const block = objectAt(bucket.Properties, 'PublicAccessBlockConfiguration');
      const off = BLOCK_SETTINGS.filter((key) => {
        const value = block?.[key];
        return !isJsonObject(value) && readBoolean(value) !== true;
      });
      if (off.length === 0) return [];
      return [
        {
          resource: id,
          message: block
            ? `does not fully block public access (${off.join(', ')} not true)`
            : 'has no PublicAccessBlockConfiguration',
        },
      ];
    }),
};

/** True when a bucket policy statement denies requests made without TLS. */
function deniesInsecureTransport(statement: PolicyStatement): boolean {
  const secure = objectAt(statement.condition, 'Bool')?.['aws:SecureTransport'];
  return statement.effect === 'Deny' && readBoolean(secure) === false;
}

export const s3TlsOnly: ResourceRule = {
  id: 'SFP-S3-002',
  title: 'Buckets refuse requests without TLS',
  severity: 'error',
  resourceTypes: [BUCKET, 'AWS::S3::BucketPolicy'],
  description:
    'A bucket policy that denies `aws:SecureTransport: false` keeps objects from travelling in clear text.',
  remediation:
    'Attach a bucket policy that denies `s3:*` when `aws:SecureTransport` is false (the framework does for its deployment bucket).',
  mappings: {
    cdkNag: ['AwsSolutions-S10'],
    checkov: [],
    cfnNag: [],
    nist80053: ['SC-8', 'SC-8(1)'],
  },
  check: (context) => {
    const protectedBuckets = new Set(
      context.ofType('AWS::S3::BucketPolicy').flatMap(([, policy]) => {
        const bucket = context.resolve(policy.Properties.Bucket);
        const denies = readStatements(policy.Properties.PolicyDocument, 'bucket policy').some(
          deniesInsecureTransport,
        );
        return bucket !== undefined && denies ? [bucket] : [];
      }),
    );
    return context
      .ofType(BUCKET)
      .flatMap(([id]) =>
        protectedBuckets.has(id)
          ? []
          : [{ resource: id, message: 'has no bucket policy denying requests without TLS' }],
      );
  },
};

/** The S3 rules, in ID order. */
export const S3_RULES: readonly ResourceRule[] = [s3BlockPublicAccess, s3TlsOnly];
