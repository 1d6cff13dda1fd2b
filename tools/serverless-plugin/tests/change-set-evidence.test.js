const { readFileSync, mkdtempSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const commands = require('@aws-sdk/client-cloudformation');
const { startAwsEmulator } = require('@platform/testing');
const { changeSetRecord, saveChangeSetBeforeExecution } = require('../src/change-set-evidence');

const template = (parameters) =>
  JSON.stringify({
    Resources: Object.fromEntries(
      parameters.map((name) => [
        name,
        {
          Type: 'AWS::SSM::Parameter',
          Properties: { Name: `/evidence-test/${name}`, Type: 'String', Value: name },
        },
      ]),
    ),
  });

describe('saveChangeSetBeforeExecution (against the AWS API emulator)', () => {
  let aws;
  let client;
  beforeAll(async () => {
    aws = await startAwsEmulator();
    client = new commands.CloudFormationClient({
      endpoint: aws.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await aws.stop();
  });

  async function deployThroughChangeSet(cf, stackName, changeSetName, type, body) {
    await cf.send(
      new commands.CreateChangeSetCommand({
        StackName: stackName,
        ChangeSetName: changeSetName,
        ChangeSetType: type,
        TemplateBody: body,
      }),
    );
    await cf.send(
      new commands.ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }),
    );
  }

  it('writes every change of the change set, described before it was executed, to the file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'evidence-')), 'svc', 'dev', 'change-set.json');
    const said = [];
    const wrapped = saveChangeSetBeforeExecution(client, commands, file, (line) => said.push(line));
    await deployThroughChangeSet(wrapped, 'evidence-a', 'first', 'CREATE', template(['One', 'Two']));
    const record = JSON.parse(readFileSync(file, 'utf8'));
    expect(record).toMatchObject({
      schema: 'serverless-factory/change-set@1',
      stackName: 'evidence-a',
      changeSetName: 'first',
      status: 'CREATE_COMPLETE',
      executionStatus: 'AVAILABLE',
    });
    expect(
      record.changes.map((change) => [change.ResourceChange.Action, change.ResourceChange.LogicalResourceId]),
    ).toEqual([
      ['Add', 'One'],
      ['Add', 'Two'],
    ]);
    expect(said).toEqual([`change set first: 2 change(s) saved to ${file}`]);

    await deployThroughChangeSet(wrapped, 'evidence-a', 'second', 'UPDATE', template(['Two', 'Three']));
    const update = JSON.parse(readFileSync(file, 'utf8'));
    expect(update.changeSetName).toBe('second');
    expect(
      update.changes.map((change) => [change.ResourceChange.Action, change.ResourceChange.LogicalResourceId]),
    ).toEqual([
      ['Add', 'Three'],
      ['Remove', 'One'],
    ]);
  });

  it('writes nothing for the other commands the client sends', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'evidence-')), 'change-set.json');
    const wrapped = saveChangeSetBeforeExecution(client, commands, file);
    await wrapped.send(new commands.DescribeStacksCommand({ StackName: 'evidence-a' }));
    expect(existsSync(file)).toBe(false);
  });
});

describe('changeSetRecord', () => {
  it('joins the changes of every page and keeps the first page’s description', () => {
    const record = changeSetRecord([
      {
        StackName: 's',
        ChangeSetName: 'c',
        Status: 'CREATE_COMPLETE',
        CreationTime: new Date(0),
        Changes: [{ Type: 'Resource' }],
      },
      { Changes: [{ Type: 'Resource' }], Status: 'ignored' },
    ]);
    expect(record).toMatchObject({
      stackName: 's',
      changeSetName: 'c',
      status: 'CREATE_COMPLETE',
      creationTime: '1970-01-01T00:00:00.000Z',
    });
    expect(record.changes).toHaveLength(2);
  });
});
