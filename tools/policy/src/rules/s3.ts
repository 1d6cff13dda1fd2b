import { readBoolean } from '../intrinsics';
import { objectAt } from '../json-value';
import { readStatements, type PolicyStatement } from '../policy-document';
import type { ResourceRule } from '../rule';

const BUCKET = 'AWS::S3::Bucket';

/** True when a bucket policy statement denies requests made without TLS. */
function deniesInsecureTransport(statement: PolicyStatement): boolean {
  const secure = objectAt(statement.condition, 'Bool')?.['aws:SecureTransport'];
  return statement.effect === 'Deny' && readBoolean(secure) === false;
}

const s3TlsOnly: ResourceRule = {
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
export const S3_RULES: readonly ResourceRule[] = [s3TlsOnly];
