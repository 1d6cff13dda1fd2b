import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PutObjectCommand, type PutObjectCommandOutput } from '@aws-sdk/client-s3';
import { GetParameterCommand, type GetParameterCommandOutput } from '@aws-sdk/client-ssm';
import { DeployError } from './errors';

/** The part of an `S3Client` the archive uses. */
export interface ArchiveUploader {
  send(command: PutObjectCommand): Promise<PutObjectCommandOutput>;
}

/** The part of an `SSMClient` the archive uses. */
export interface StageParameterReader {
  send(command: GetParameterCommand): Promise<GetParameterCommandOutput>;
}

/** The SSM parameter, written by the bootstrap stack, naming the stage's artifact bucket. */
export function artifactBucketParameter(stage: string): string {
  return `/serverless-factory/${stage}/artifact-bucket`;
}

/**
 * Reads a stage configuration parameter the bootstrap stack wrote.
 *
 * @throws {DeployError} saying to bootstrap the stage when it is missing
 */
export async function readStageParameter(
  ssm: StageParameterReader,
  name: string,
  stage: string,
): Promise<string> {
  try {
    const value = (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
    if (value) return value;
  } catch (error) {
    throw new DeployError(
      `cannot read ${name} (${error instanceof Error ? error.name : String(error)}): is stage ${stage} bootstrapped? Run make bootstrap STAGE=${stage} (tools/bootstrap/README.md)`,
      { cause: error },
    );
  }
  throw new DeployError(`${name} is empty: run make bootstrap STAGE=${stage} again`);
}

/**
 * Keeps what a deploy promoted in the stage's artifact bucket, under `<service>/<sha>/`: the
 * package with its manifest, and the deploy evidence (change set, deploy record). The bucket is
 * versioned and outlives GitHub's artifact retention.
 *
 * @returns the keys written
 * @example
 * import { S3Client } from '@aws-sdk/client-s3';
 * declare const bucket: string;
 * declare const sha: string;
 * const s3 = new S3Client({});
 * await archiveDeploy({ s3, bucket, service: 'catalog', sha, files: ['dist/catalog/dev/manifest.json'] });
 */
export async function archiveDeploy(input: {
  s3: ArchiveUploader;
  bucket: string;
  service: string;
  sha: string;
  files: readonly string[];
}): Promise<string[]> {
  const keys: string[] = [];
  for (const file of input.files) {
    const key = `${input.service}/${input.sha}/${basename(file)}`;
    await input.s3.send(
      new PutObjectCommand({
        Bucket: input.bucket,
        Key: key,
        Body: await readFile(file),
        ServerSideEncryption: 'AES256',
      }),
    );
    keys.push(key);
  }
  return keys;
}
