import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, type PutObjectCommandOutput } from '@aws-sdk/client-s3';
import {
  changeSetEvidence,
  changeSetMarkdown,
  INLINE_TEMPLATE_LIMIT,
  readArtifactDirectoryName,
  type ChangeSetCloudFormationClient,
  type ChangeSetEvidenceInput,
  type TemplateUploadClient,
} from '../src/change-set-evidence';
import { ChangeSetError } from '../src/errors';

const template = JSON.stringify(
  {
    Resources: {
      ServiceTable: { Type: 'AWS::DynamoDB::Table' },
      HealthLambdaFunction: { Type: 'AWS::Lambda::Function' },
    },
  },
  null,
  2,
);

const liveStack: Stack = {
  StackName: 'catalog-dev',
  StackStatus: 'UPDATE_COMPLETE',
  CreationTime: new Date(0),
  Outputs: [{ OutputKey: 'ServerlessDeploymentBucketName', OutputValue: 'catalog-dev-bucket' }],
};

const modifyFunction: Change = {
  Type: 'Resource',
  ResourceChange: {
    Action: 'Modify',
    LogicalResourceId: 'HealthLambdaFunction',
    ResourceType: 'AWS::Lambda::Function',
    Replacement: 'False',
  },
};
const addAlarm: Change = {
  Type: 'Resource',
  ResourceChange: {
    Action: 'Add',
    LogicalResourceId: 'HealthErrorsAlarm',
    ResourceType: 'AWS::CloudWatch::Alarm',
  },
};

/** CloudFormation as the tests script it: the stack, then the successive DescribeChangeSet answers. */
class FakeCloudFormation implements ChangeSetCloudFormationClient {
  readonly commands: Array<{ name: string; input: object }> = [];
  stack: Stack | 'missing' | Error = liveStack;
  describeAnswers: Array<Omit<DescribeChangeSetCommandOutput, '$metadata'>> = [];
  deleteFails = false;
  createError: Error | undefined;

  send(command: DescribeStacksCommand): Promise<DescribeStacksCommandOutput>;
  send(command: CreateChangeSetCommand): Promise<CreateChangeSetCommandOutput>;
  send(command: DescribeChangeSetCommand): Promise<DescribeChangeSetCommandOutput>;
  send(command: DeleteChangeSetCommand): Promise<DeleteChangeSetCommandOutput>;
  async send(
    command:
      DescribeStacksCommand | CreateChangeSetCommand | DescribeChangeSetCommand | DeleteChangeSetCommand,
  ): Promise<
    | DescribeStacksCommandOutput
    | CreateChangeSetCommandOutput
    | DescribeChangeSetCommandOutput
    | DeleteChangeSetCommandOutput
  > {
    this.commands.push({ name: command.constructor.name, input: command.input });
    if (command instanceof DescribeStacksCommand) {
      if (this.stack === 'missing') {
        throw Object.assign(new Error('Stack with id catalog-dev does not exist'), {
          name: 'ValidationError',
        });
      }
      if (this.stack instanceof Error) throw this.stack;
      return { $metadata: {}, Stacks: [this.stack] };
    }
    if (command instanceof CreateChangeSetCommand) {
      if (this.createError !== undefined) throw this.createError;
      return { $metadata: {}, Id: 'arn:change-set' };
    }
    if (command instanceof DescribeChangeSetCommand) {
      const answer = this.describeAnswers.shift();
      if (answer === undefined) throw new Error('no more DescribeChangeSet answers scripted');
      return { $metadata: {}, ...answer };
    }
    if (this.deleteFails) throw new Error('AccessDenied: cloudformation:DeleteChangeSet');
    return { $metadata: {} };
  }

  names(): string[] {
    return this.commands.map((command) => command.name);
  }
}

class FakeS3 implements TemplateUploadClient {
  readonly uploads: Array<{ Bucket?: string; Key?: string; Body?: unknown }> = [];

  async send(command: PutObjectCommand): Promise<PutObjectCommandOutput> {
    this.uploads.push({ Bucket: command.input.Bucket, Key: command.input.Key, Body: command.input.Body });
    return { $metadata: {} };
  }
}

describe('changeSetEvidence', () => {
  let cloudFormation: FakeCloudFormation;
  let s3: FakeS3;

  beforeEach(() => {
    cloudFormation = new FakeCloudFormation();
    s3 = new FakeS3();
  });

  const evidenceOf = (overrides: Partial<ChangeSetEvidenceInput> = {}) =>
    changeSetEvidence({
      stackName: 'catalog-dev',
      changeSetName: 'ci-preview-abc',
      template,
      region: 'eu-west-1',
      description: 'evidence of abc',
      cloudFormation,
      s3,
      sleep: async () => undefined,
      ...overrides,
    });

  it('creates an UPDATE change set of the minified template, waits for it, reads every page, then deletes it', async () => {
    cloudFormation.describeAnswers = [
      { Status: 'CREATE_IN_PROGRESS' },
      {
        Status: 'CREATE_COMPLETE',
        ExecutionStatus: 'AVAILABLE',
        ChangeSetName: 'ci-preview-abc',
        Changes: [modifyFunction],
        NextToken: 'page-2',
      },
      { Status: 'CREATE_COMPLETE', Changes: [addAlarm] },
    ];
    const evidence = await evidenceOf();

    expect(cloudFormation.names()).toEqual([
      'DescribeStacksCommand',
      'CreateChangeSetCommand',
      'DescribeChangeSetCommand',
      'DescribeChangeSetCommand',
      'DescribeChangeSetCommand',
      'DeleteChangeSetCommand',
    ]);
    expect(cloudFormation.commands[1]?.input).toEqual({
      StackName: 'catalog-dev',
      ChangeSetName: 'ci-preview-abc',
      ChangeSetType: 'UPDATE',
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
      Description: 'evidence of abc',
      TemplateBody: JSON.stringify(JSON.parse(template)),
    });
    expect(cloudFormation.commands[4]?.input).toEqual({
      StackName: 'catalog-dev',
      ChangeSetName: 'ci-preview-abc',
      NextToken: 'page-2',
    });
    expect(evidence).toEqual({
      stackName: 'catalog-dev',
      changeSetName: 'ci-preview-abc',
      changeSetType: 'UPDATE',
      status: 'CREATE_COMPLETE',
      changes: [modifyFunction, addAlarm],
      description: {
        Status: 'CREATE_COMPLETE',
        ExecutionStatus: 'AVAILABLE',
        ChangeSetName: 'ci-preview-abc',
      },
    });
    expect(s3.uploads).toEqual([]);
  });

  it('records "no changes" when CloudFormation finds nothing to change', async () => {
    const reason =
      "The submitted information didn't contain changes. Submit different information to create a change set.";
    cloudFormation.describeAnswers = [{ Status: 'FAILED', StatusReason: reason }];
    const evidence = await evidenceOf();
    expect(evidence).toMatchObject({ status: 'FAILED', statusReason: reason, changes: [] });
    expect(cloudFormation.names()).toContain('DeleteChangeSetCommand');
  });

  it('lists every template resource as added when the stack does not exist yet', async () => {
    cloudFormation.stack = 'missing';
    const evidence = await evidenceOf();
    expect(evidence).toEqual({
      stackName: 'catalog-dev',
      changeSetName: 'ci-preview-abc',
      changeSetType: 'CREATE',
      status: 'NOT_CREATED',
      statusReason: 'stack catalog-dev does not exist yet: every resource of the template is new',
      changes: [
        {
          Type: 'Resource',
          ResourceChange: {
            Action: 'Add',
            LogicalResourceId: 'ServiceTable',
            ResourceType: 'AWS::DynamoDB::Table',
          },
        },
        {
          Type: 'Resource',
          ResourceChange: {
            Action: 'Add',
            LogicalResourceId: 'HealthLambdaFunction',
            ResourceType: 'AWS::Lambda::Function',
          },
        },
      ],
    });
    expect(cloudFormation.names()).toEqual(['DescribeStacksCommand']);
  });

  it('treats a stack left in REVIEW_IN_PROGRESS as not created', async () => {
    cloudFormation.stack = { ...liveStack, StackStatus: 'REVIEW_IN_PROGRESS' };
    await expect(evidenceOf()).resolves.toMatchObject({ changeSetType: 'CREATE' });
  });

  it('stages a template over the inline limit in the deployment bucket, next to the artifacts', async () => {
    const large = JSON.stringify({ Resources: {}, Metadata: { padding: 'x'.repeat(INLINE_TEMPLATE_LIMIT) } });
    cloudFormation.describeAnswers = [{ Status: 'CREATE_COMPLETE', Changes: [] }];
    await evidenceOf({ template: large, artifactDirectoryName: 'serverless/catalog/dev/123-2026' });
    expect(s3.uploads).toEqual([
      {
        Bucket: 'catalog-dev-bucket',
        Key: 'serverless/catalog/dev/123-2026/ci-preview-abc.json',
        Body: large,
      },
    ]);
    expect(cloudFormation.commands[1]?.input).toMatchObject({
      TemplateURL:
        'https://catalog-dev-bucket.s3.eu-west-1.amazonaws.com/serverless/catalog/dev/123-2026/ci-preview-abc.json',
    });
  });

  it('fails on a template over the inline limit when the stack has no deployment bucket', async () => {
    cloudFormation.stack = { ...liveStack, Outputs: [] };
    const large = JSON.stringify({ Resources: {}, Metadata: { padding: 'x'.repeat(INLINE_TEMPLATE_LIMIT) } });
    await expect(evidenceOf({ template: large })).rejects.toThrow(ChangeSetError);
    expect(cloudFormation.names()).toEqual(['DescribeStacksCommand']);
  });

  it('fails with CloudFormation’s reason and still deletes the change set', async () => {
    cloudFormation.describeAnswers = [
      { Status: 'FAILED', StatusReason: 'Template format error: Unresolved resource dependencies' },
    ];
    await expect(evidenceOf()).rejects.toThrow(
      'change set ci-preview-abc on catalog-dev failed: Template format error: Unresolved resource dependencies',
    );
    expect(cloudFormation.names().at(-1)).toBe('DeleteChangeSetCommand');
  });

  it('gives up at the deadline and deletes the change set', async () => {
    cloudFormation.describeAnswers = [{ Status: 'CREATE_PENDING' }];
    await expect(evidenceOf({ timeoutMs: 0 })).rejects.toThrow(
      'change set ci-preview-abc still CREATE_PENDING at the deadline',
    );
    expect(cloudFormation.names().at(-1)).toBe('DeleteChangeSetCommand');
  });

  it('reports the first failure, not the failed clean-up after it', async () => {
    cloudFormation.describeAnswers = [];
    cloudFormation.deleteFails = true;
    await expect(evidenceOf()).rejects.toThrow(
      'cannot describe change set ci-preview-abc on catalog-dev: no more DescribeChangeSet answers scripted',
    );
  });

  it('reports a failed clean-up on its own', async () => {
    cloudFormation.describeAnswers = [{ Status: 'CREATE_COMPLETE', Changes: [] }];
    cloudFormation.deleteFails = true;
    await expect(evidenceOf()).rejects.toThrow(
      'cannot delete change set ci-preview-abc on catalog-dev: AccessDenied',
    );
  });

  it('reports a stack it cannot describe', async () => {
    const denied = new Error('AccessDenied: cloudformation:DescribeStacks');
    cloudFormation.stack = denied;
    await expect(evidenceOf()).rejects.toMatchObject({
      name: 'ChangeSetError',
      message: 'cannot describe stack catalog-dev: AccessDenied: cloudformation:DescribeStacks',
      cause: denied,
    });
  });

  it('reports a change set CloudFormation refuses to create', async () => {
    cloudFormation.createError = Object.assign(new Error('ChangeSet [ci-preview-abc] already exists'), {
      name: 'AlreadyExistsException',
    });
    await expect(evidenceOf()).rejects.toThrow(
      'cannot create change set ci-preview-abc on catalog-dev: ChangeSet [ci-preview-abc] already exists',
    );
  });

  it.each([
    ['not JSON', '{ nope', 'the packaged template is not JSON'],
    ['not an object', '[]', 'the packaged template is not a JSON object'],
  ])('rejects a template that is %s', async (_what, text, message) => {
    await expect(evidenceOf({ template: text })).rejects.toThrow(message);
  });
});

describe('changeSetMarkdown', () => {
  it('tabulates the changes', () => {
    expect(
      changeSetMarkdown({
        stackName: 'catalog-dev',
        changeSetName: 'x',
        changeSetType: 'UPDATE',
        status: 'CREATE_COMPLETE',
        changes: [modifyFunction, addAlarm],
      }),
    ).toBe(
      [
        '### Change set catalog-dev (UPDATE): 2 changes',
        '',
        '| action | resource | type | replacement |',
        '| --- | --- | --- | --- |',
        '| Modify | HealthLambdaFunction | AWS::Lambda::Function | False |',
        '| Add | HealthErrorsAlarm | AWS::CloudWatch::Alarm |  |',
        '',
      ].join('\n'),
    );
  });

  it('says why there is nothing to show', () => {
    expect(
      changeSetMarkdown({
        stackName: 'catalog-dev',
        changeSetName: 'x',
        changeSetType: 'UPDATE',
        status: 'FAILED',
        statusReason: "didn't contain changes",
        changes: [],
      }),
    ).toBe("### Change set catalog-dev (UPDATE): 0 changes\n\ndidn't contain changes\n");
  });
});

describe('readArtifactDirectoryName', () => {
  it('reads package.artifactDirectoryName from serverless-state.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-package-'));
    writeFileSync(
      join(dir, 'serverless-state.json'),
      JSON.stringify({ package: { artifactDirectoryName: 'serverless/catalog/dev/1' } }),
    );
    await expect(readArtifactDirectoryName(dir)).resolves.toBe('serverless/catalog/dev/1');
  });

  it('is undefined without a state file, or without the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-package-'));
    await expect(readArtifactDirectoryName(dir)).resolves.toBeUndefined();
    writeFileSync(join(dir, 'serverless-state.json'), JSON.stringify({ service: {} }));
    await expect(readArtifactDirectoryName(dir)).resolves.toBeUndefined();
  });

  it('reports a state file that cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-package-'));
    mkdirSync(join(dir, 'serverless-state.json'));
    await expect(readArtifactDirectoryName(dir)).rejects.toThrow(ChangeSetError);
  });
});
