import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetBucketEncryptionCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { runPolicy } from '@platform/policy';
import { startAwsEmulator, type AwsEmulator } from '@platform/testing';
import { parse } from 'yaml';

const workspaceRoot = join(__dirname, '..', '..', '..');
const template = join(workspaceRoot, 'tools/bootstrap/bootstrap.yml');
const script = join(workspaceRoot, 'tools/bootstrap/bootstrap.sh');

const STAGE_INPUT = {
  STAGE: 'staging',
  GITHUB_REPOSITORY: 'acme/factory',
  API_DOMAIN: 'api.staging.factory.test',
  CERTIFICATE_ARN: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9',
};

function run(env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const result = spawnSync('bash', [script], {
    cwd: workspaceRoot,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('bootstrap.yml', () => {
  it('has no cfn-lint finding, warnings included', () => {
    const result = spawnSync(join(workspaceRoot, '.venv/bin/cfn-lint'), [template], { encoding: 'utf8' });
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
      status: 0,
      output: '',
    });
  });

  it('passes the policy checker with every suppression explained', () => {
    const [result] = runPolicy([template], { cwd: workspaceRoot, root: workspaceRoot });
    expect(result?.findings.filter((finding) => !finding.suppression)).toEqual([]);
    for (const finding of result?.findings ?? []) expect(finding.suppression?.reason).toMatch(/stack tags/);
  });

  it("lets the deploy role be assumed only from the stage's environment on main, and the read role from main", () => {
    const document = parse(readFileSync(template, 'utf8'));
    const subjectOf = (role: string): unknown =>
      document.Resources[role].Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals[
        'token.actions.githubusercontent.com:sub'
      ];
    expect(subjectOf('DeployRole')).toEqual({
      'Fn::Sub': 'repo:${GitHubRepository}:environment:${Stage}:ref:refs/heads/main',
    });
    expect(subjectOf('ReadRole')).toEqual({
      'Fn::Sub': 'repo:${GitHubRepository}:ref:refs/heads/main:ref:refs/heads/main',
    });
  });
});

describe('make bootstrap (tools/bootstrap/bootstrap.sh) against the AWS API emulator', () => {
  let aws: AwsEmulator;
  let env: NodeJS.ProcessEnv;
  const client = <T>(make: (config: object) => T): T =>
    make({
      endpoint: aws.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
    });

  beforeAll(async () => {
    aws = await startAwsEmulator();
    env = { ...aws.processEnv({ PATH: process.env['PATH'], HOME: process.env['HOME'] }), ...STAGE_INPUT };
  });
  afterAll(async () => {
    await aws.stop();
  });

  it('refuses to run without its inputs, naming each one', () => {
    const result = run(aws.processEnv({ PATH: process.env['PATH'], HOME: process.env['HOME'] }));
    expect(result.status).toBe(2);
    for (const name of ['STAGE', 'GITHUB_REPOSITORY', 'API_DOMAIN', 'CERTIFICATE_ARN'])
      expect(result.output).toContain(`make bootstrap needs ${name}:`);
    expect(run({ ...env, STAGE: 'production' }).output).toContain('STAGE must be dev, staging or prod');
  });

  it('deploys the stack: the SSM configuration, the roles, the artifact bucket and the cursor secret', async () => {
    const result = run(env);
    expect(result).toMatchObject({ status: 0 });
    expect(result.output).toContain(
      'Successfully created/updated stack - serverless-factory-bootstrap-staging',
    );
    expect(result.output).toContain('creating /serverless-factory/staging/cursor-secret');

    const ssm = client((config) => new SSMClient(config));
    const value = async (name: string): Promise<string | undefined> =>
      (await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }))).Parameter?.Value;
    await expect(value('/serverless-factory/staging/api-domain')).resolves.toBe('api.staging.factory.test');
    await expect(value('/serverless-factory/staging/base-url')).resolves.toBe(
      'https://api.staging.factory.test',
    );
    const bucket = await value('/serverless-factory/staging/artifact-bucket');
    expect(bucket).toBe('serverless-factory-staging-artifacts-123456789012-us-east-1');
    const secret = await ssm.send(
      new GetParameterCommand({ Name: '/serverless-factory/staging/cursor-secret' }),
    );
    expect(secret.Parameter?.Type).toBe('SecureString');
    expect((await value('/serverless-factory/staging/cursor-secret'))?.length).toBeGreaterThanOrEqual(43);

    const iam = client((config) => new IAMClient(config));
    const deploy = await iam.send(new GetRoleCommand({ RoleName: 'serverless-factory-staging-deploy' }));
    const trust = JSON.parse(decodeURIComponent(deploy.Role?.AssumeRolePolicyDocument ?? '{}'));
    expect(trust.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe(
      'repo:acme/factory:environment:staging:ref:refs/heads/main',
    );
    await expect(
      iam.send(new GetRoleCommand({ RoleName: 'serverless-factory-staging-read' })),
    ).resolves.toBeDefined();

    const s3 = client((config) => new S3Client(config));
    await expect(s3.send(new HeadBucketCommand({ Bucket: bucket }))).resolves.toBeDefined();
    // The emulator applies a bucket's encryption and tags, not its versioning or lifecycle (docs/emulator.md).
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
    expect(
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: 'AES256',
    });
    ssm.destroy();
    iam.destroy();
    s3.destroy();
  });

  it('changes nothing when run again, and keeps the cursor secret', async () => {
    const ssm = client((config) => new SSMClient(config));
    const before = await ssm.send(
      new GetParameterCommand({ Name: '/serverless-factory/staging/cursor-secret', WithDecryption: true }),
    );
    const result = run(env);
    expect(result).toMatchObject({ status: 0 });
    expect(result.output).toContain(
      'No changes to deploy. Stack serverless-factory-bootstrap-staging is up to date',
    );
    expect(result.output).toContain('/serverless-factory/staging/cursor-secret exists: kept');
    const after = await ssm.send(
      new GetParameterCommand({ Name: '/serverless-factory/staging/cursor-secret', WithDecryption: true }),
    );
    expect(after.Parameter?.Value).toBe(before.Parameter?.Value);
    ssm.destroy();
  });
});
