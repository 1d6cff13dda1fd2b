import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  type Change,
  type CreateChangeSetCommandOutput,
  type DeleteChangeSetCommandOutput,
  type DescribeChangeSetCommandOutput,
  type DescribeStacksCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, type PutObjectCommandOutput } from '@aws-sdk/client-s3';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChangeSetError } from './errors';

/** The smallest part of a `CloudFormationClient` used here. */
export interface ChangeSetCloudFormationClient {
  send(command: DescribeStacksCommand): Promise<DescribeStacksCommandOutput>;
  send(command: CreateChangeSetCommand): Promise<CreateChangeSetCommandOutput>;
  send(command: DescribeChangeSetCommand): Promise<DescribeChangeSetCommandOutput>;
  send(command: DeleteChangeSetCommand): Promise<DeleteChangeSetCommandOutput>;
}

/** The smallest part of an `S3Client` used here (to stage a template too large to send inline). */
export interface TemplateUploadClient {
  send(command: PutObjectCommand): Promise<PutObjectCommandOutput>;
}

/** Input of {@link changeSetEvidence}. */
export interface ChangeSetEvidenceInput {
  readonly stackName: string;
  /** Letters, digits and hyphens, starting with a letter. */
  readonly changeSetName: string;
  /** The packaged template (`cloudformation-template-update-stack.json`), as JSON text. */
  readonly template: string;
  /** serverless' artifact folder of this package: a large template is staged next to its zips. */
  readonly artifactDirectoryName?: string;
  readonly region: string;
  readonly description: string;
  readonly cloudFormation: ChangeSetCloudFormationClient;
  readonly s3: TemplateUploadClient;
  readonly pollIntervalMs?: number;
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The change set of one deploy, as saved into evidence/<service>/<stage>/change-set.json. */
export interface ChangeSetEvidence {
  readonly stackName: string;
  readonly changeSetName: string;
  /** UPDATE: a change set was created and described; CREATE: first deploy, no stack to diff. */
  readonly changeSetType: 'CREATE' | 'UPDATE';
  readonly status: string;
  readonly statusReason?: string;
  /** Every change, all pages; for CREATE, every resource of the template as an `Add`. */
  readonly changes: readonly Change[];
  /** DescribeChangeSet's output (first page, without paging fields), for UPDATE. */
  readonly description?: Omit<DescribeChangeSetCommandOutput, '$metadata' | 'NextToken' | 'Changes'>;
}

/** CreateChangeSet's limit for an inline template body, in bytes. */
export const INLINE_TEMPLATE_LIMIT = 51_200;

const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;
const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;

function isMissingStack(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    error.name === 'ValidationError' &&
    'message' in error &&
    typeof error.message === 'string' &&
    /does not exist/.test(error.message)
  );
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parseTemplate(template: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(template);
  } catch (error) {
    throw new ChangeSetError('the packaged template is not JSON', { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ChangeSetError('the packaged template is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** Every resource of a template as an `Add` change: the evidence of a first deploy. */
function additionsOf(template: Record<string, unknown>): Change[] {
  const resources = template['Resources'];
  if (typeof resources !== 'object' || resources === null) return [];
  return Object.entries(resources).map(([logicalId, resource]) => ({
    Type: 'Resource',
    ResourceChange: {
      Action: 'Add',
      LogicalResourceId: logicalId,
      ResourceType:
        typeof resource === 'object' && resource !== null && 'Type' in resource
          ? String(resource.Type)
          : undefined,
    },
  }));
}

async function waitForCreation(input: ChangeSetEvidenceInput): Promise<DescribeChangeSetCommandOutput> {
  const sleep = input.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const interval = input.pollIntervalMs ?? 5_000;
  const deadline = Date.now() + (input.timeoutMs ?? 10 * 60_000);
  for (;;) {
    const described = await input.cloudFormation.send(
      new DescribeChangeSetCommand({ StackName: input.stackName, ChangeSetName: input.changeSetName }),
    );
    if (described.Status !== 'CREATE_PENDING' && described.Status !== 'CREATE_IN_PROGRESS') return described;
    if (Date.now() >= deadline) {
      throw new ChangeSetError(`change set ${input.changeSetName} still ${described.Status} at the deadline`);
    }
    await sleep(interval);
  }
}

async function remainingChanges(
  input: ChangeSetEvidenceInput,
  nextToken: string | undefined,
): Promise<Change[]> {
  const changes: Change[] = [];
  for (let token = nextToken; token !== undefined;) {
    const page = await input.cloudFormation.send(
      new DescribeChangeSetCommand({
        StackName: input.stackName,
        ChangeSetName: input.changeSetName,
        NextToken: token,
      }),
    );
    changes.push(...(page.Changes ?? []));
    token = page.NextToken;
  }
  return changes;
}

/** The template argument of CreateChangeSet: inline when small, else staged in the deployment bucket. */
async function templateArgument(
  input: ChangeSetEvidenceInput,
  body: string,
  bucket: string | undefined,
): Promise<{ TemplateBody: string } | { TemplateURL: string }> {
  if (Buffer.byteLength(body) <= INLINE_TEMPLATE_LIMIT) return { TemplateBody: body };
  if (bucket === undefined) {
    throw new ChangeSetError(
      `the template of ${input.stackName} is over ${INLINE_TEMPLATE_LIMIT} bytes and the stack has no ServerlessDeploymentBucketName output to stage it in`,
    );
  }
  const key = `${input.artifactDirectoryName ?? `serverless/${input.stackName}`}/${input.changeSetName}.json`;
  await input.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }),
  );
  return { TemplateURL: `https://${bucket}.s3.${input.region}.amazonaws.com/${key}` };
}

/**
 * Creates a change set of the packaged template against the live stack, waits for it, reads every
 * page of it and deletes it again: what the deploy is about to change, saved as evidence before
 * anything is executed (`serverless deploy` then applies the same template). A first deploy has no
 * stack to compare with: its evidence lists every resource of the template as added.
 *
 * @throws {ChangeSetError} when CloudFormation fails or the change set cannot be created.
 * @example
 * const evidence = await changeSetEvidence({ stackName: 'catalog-dev', changeSetName: 'ci-preview-1', template, region, description, cloudFormation, s3 });
 * evidence.changes.length; // 3
 */
export async function changeSetEvidence(input: ChangeSetEvidenceInput): Promise<ChangeSetEvidence> {
  const { cloudFormation, stackName, changeSetName } = input;
  const template = parseTemplate(input.template);
  let stacks: DescribeStacksCommandOutput;
  try {
    stacks = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  } catch (error) {
    if (!isMissingStack(error)) {
      throw new ChangeSetError(`cannot describe stack ${stackName}: ${describeError(error)}`, {
        cause: error,
      });
    }
    stacks = { $metadata: {}, Stacks: [] };
  }
  const stack = stacks.Stacks?.[0];
  if (stack === undefined || stack.StackStatus === 'REVIEW_IN_PROGRESS') {
    return {
      stackName,
      changeSetName,
      changeSetType: 'CREATE',
      status: 'NOT_CREATED',
      statusReason: `stack ${stackName} does not exist yet: every resource of the template is new`,
      changes: additionsOf(template),
    };
  }
  const bucket = stack.Outputs?.find(
    (output) => output.OutputKey === 'ServerlessDeploymentBucketName',
  )?.OutputValue;

  try {
    await cloudFormation.send(
      new CreateChangeSetCommand({
        StackName: stackName,
        ChangeSetName: changeSetName,
        ChangeSetType: 'UPDATE',
        Capabilities: [...CAPABILITIES],
        Description: input.description,
        ...(await templateArgument(input, JSON.stringify(template), bucket)),
      }),
    );
  } catch (error) {
    if (error instanceof ChangeSetError) throw error;
    throw new ChangeSetError(
      `cannot create change set ${changeSetName} on ${stackName}: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }

  let evidence: ChangeSetEvidence | undefined;
  let failure: unknown;
  try {
    evidence = await describeCreatedChangeSet(input);
  } catch (error) {
    failure =
      error instanceof ChangeSetError
        ? error
        : new ChangeSetError(
            `cannot describe change set ${changeSetName} on ${stackName}: ${describeError(error)}`,
            {
              cause: error,
            },
          );
  }
  try {
    await deleteChangeSet(input);
  } catch (error) {
    // The first failure is the one worth reporting; a failed clean-up only matters on its own.
    failure ??= error;
  }
  if (failure !== undefined || evidence === undefined) throw failure;
  return evidence;
}

async function describeCreatedChangeSet(input: ChangeSetEvidenceInput): Promise<ChangeSetEvidence> {
  const { stackName, changeSetName } = input;
  const described = await waitForCreation(input);
  if (described.Status === 'FAILED' && !NO_CHANGES.test(described.StatusReason ?? '')) {
    throw new ChangeSetError(
      `change set ${changeSetName} on ${stackName} failed: ${described.StatusReason ?? 'no reason given'}`,
    );
  }
  const changes = [...(described.Changes ?? []), ...(await remainingChanges(input, described.NextToken))];
  const { $metadata: _metadata, NextToken: _next, Changes: _changes, ...description } = described;
  return {
    stackName,
    changeSetName,
    changeSetType: 'UPDATE',
    status: described.Status ?? 'UNKNOWN',
    ...(described.StatusReason === undefined ? {} : { statusReason: described.StatusReason }),
    changes,
    description,
  };
}

async function deleteChangeSet(input: ChangeSetEvidenceInput): Promise<void> {
  try {
    await input.cloudFormation.send(
      new DeleteChangeSetCommand({ StackName: input.stackName, ChangeSetName: input.changeSetName }),
    );
  } catch (error) {
    throw new ChangeSetError(
      `cannot delete change set ${input.changeSetName} on ${input.stackName}: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * serverless' artifact folder (`package.artifactDirectoryName` of `serverless-state.json`) of a
 * package folder, or `undefined` when the folder has no state file.
 *
 * @throws {ChangeSetError} when the state file exists but cannot be read as JSON.
 */
export async function readArtifactDirectoryName(packageDir: string): Promise<string | undefined> {
  const path = join(packageDir, 'serverless-state.json');
  let state: unknown;
  try {
    state = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT')
      return undefined;
    throw new ChangeSetError(`cannot read ${path}`, { cause: error });
  }
  const packageState =
    typeof state === 'object' && state !== null && 'package' in state ? state.package : undefined;
  const name =
    typeof packageState === 'object' && packageState !== null && 'artifactDirectoryName' in packageState
      ? packageState.artifactDirectoryName
      : undefined;
  return typeof name === 'string' ? name : undefined;
}

/**
 * A markdown table of the changes, for a job summary.
 *
 * @example
 * changeSetMarkdown(evidence); // '### Change set catalog-dev (UPDATE): 2 changes\n\n| action | resource | type | replacement |…'
 */
export function changeSetMarkdown(evidence: ChangeSetEvidence): string {
  const count = evidence.changes.length;
  const lines = [
    `### Change set ${evidence.stackName} (${evidence.changeSetType}): ${count} change${count === 1 ? '' : 's'}`,
    '',
  ];
  if (evidence.statusReason !== undefined) lines.push(evidence.statusReason, '');
  if (count > 0) {
    lines.push('| action | resource | type | replacement |', '| --- | --- | --- | --- |');
    for (const change of evidence.changes) {
      const resource = change.ResourceChange;
      lines.push(
        `| ${resource?.Action ?? change.Type ?? ''} | ${resource?.LogicalResourceId ?? ''} | ${resource?.ResourceType ?? ''} | ${resource?.Replacement ?? ''} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
