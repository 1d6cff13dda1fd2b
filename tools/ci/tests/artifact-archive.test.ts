import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startAwsEmulator, type AwsEmulator } from '@platform/testing';
import { archiveDeploy, artifactBucketParameter, readStageParameter } from '../src/artifact-archive';
import { DeployError } from '../src/errors';

describe('the artifact archive (against the AWS API emulator)', () => {
  let aws: AwsEmulator;
  let ssm: SSMClient;
  let s3: S3Client;
  beforeAll(async () => {
    aws = await startAwsEmulator();
    const config = {
      endpoint: aws.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
    };
    ssm = new SSMClient(config);
    s3 = new S3Client(config);
  });
  afterAll(async () => {
    ssm.destroy();
    s3.destroy();
    await aws.stop();
  });

  it('reads the stage configuration the bootstrap stack wrote', async () => {
    await ssm.send(
      new PutParameterCommand({
        Name: artifactBucketParameter('dev'),
        Value: 'artifacts-dev',
        Type: 'String',
      }),
    );
    await expect(readStageParameter(ssm, artifactBucketParameter('dev'), 'dev')).resolves.toBe(
      'artifacts-dev',
    );
  });

  it('says to bootstrap a stage whose configuration is missing', async () => {
    const missing = readStageParameter(ssm, artifactBucketParameter('staging'), 'staging');
    await expect(missing).rejects.toThrow(DeployError);
    await expect(readStageParameter(ssm, artifactBucketParameter('staging'), 'staging')).rejects.toThrow(
      'cannot read /serverless-factory/staging/artifact-bucket (ParameterNotFound): is stage staging bootstrapped? Run make bootstrap STAGE=staging',
    );
  });

  it('keeps each file under <service>/<sha>/, encrypted', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'artifacts-dev' }));
    const dir = mkdtempSync(join(tmpdir(), 'archive-'));
    writeFileSync(join(dir, 'manifest.json'), '{"files":[]}');
    writeFileSync(join(dir, 'change-set.json'), '{"changes":[]}');
    const sha = 'f'.repeat(40);
    const keys = await archiveDeploy({
      s3,
      bucket: 'artifacts-dev',
      service: 'catalog',
      sha,
      files: [join(dir, 'manifest.json'), join(dir, 'change-set.json')],
    });
    expect(keys).toEqual([`catalog/${sha}/manifest.json`, `catalog/${sha}/change-set.json`]);
    const stored = await s3.send(
      new GetObjectCommand({ Bucket: 'artifacts-dev', Key: `catalog/${sha}/manifest.json` }),
    );
    expect(stored.ServerSideEncryption).toBe('AES256');
    expect(await stored.Body?.transformToString()).toBe('{"files":[]}');
  });
});
