// The deploy path for real, in a temporary clone of the workspace: make bootstrap, make build and
// make deploy (serverless deploy --package) against the AWS API emulator. Slow (a build is ~20 s).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { EMULATOR_ACCOUNT_ID, startAwsEmulator, type AwsEmulator } from '@platform/testing';
import { readDeployRecords } from '../src/delivery-history';
import { deployService, type StackReader } from '../src/deploy-service';
import { DeployError } from '../src/errors';
import { documentedTypes } from './support/emulator-doc';
import { GitFixtureRepo } from './support/git-fixture-repo';

const workspaceRoot = join(__dirname, '..', '..', '..');
const SERVICES = ['catalog', 'inventory', 'orders'];

describe('make deploy against the AWS API emulator, in a temporary clone', () => {
  let repo: GitFixtureRepo;
  let aws: AwsEmulator;
  let ssm: SSMClient;
  let env: NodeJS.ProcessEnv;
  let first: string;

  const make = (...args: string[]): { status: number | null; output: string } => {
    // The clone's node_modules and .venv are the workspace's (linked): never reinstall them.
    const result = spawnSync(
      'make',
      ['--no-print-directory', 'INSTALL_STAMP=', 'PYTHON_TOOLS_STAMP=', ...args],
      {
        cwd: repo.dir,
        env,
        encoding: 'utf8',
        timeout: 300_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  /** Asserts that a make run succeeded, showing its output when it did not. */
  const succeeded = (result: {
    status: number | null;
    output: string;
  }): { status: number | null; output: string } => {
    expect({ status: result.status, tail: result.status === 0 ? '' : result.output.slice(-3000) }).toEqual({
      status: 0,
      tail: '',
    });
    return result;
  };
  const deployedSha = async (service: string): Promise<string | undefined> =>
    (await ssm.send(new GetParameterCommand({ Name: `/serverless-factory/dev/${service}/deployed-sha` })))
      .Parameter?.Value;
  const touch = (message: string, path: string, line: string): string =>
    repo.commit(message, { [path]: `${readFileSync(join(repo.dir, path), 'utf8')}${line}\n` });

  beforeAll(async () => {
    repo = GitFixtureRepo.fromWorkspace(workspaceRoot);
    first = repo.git('rev-parse', 'HEAD');
    aws = await startAwsEmulator();
    ssm = new SSMClient({
      endpoint: aws.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
    });
    env = {
      ...aws.processEnv(),
      STAGE_CONFIG_FILE: join(repo.dir, '.ci', 'stages.env'),
      GITHUB_REPOSITORY: 'acme/factory',
      API_DOMAIN: 'api.dev.factory.test',
      CERTIFICATE_ARN: `arn:aws:acm:us-east-1:${EMULATOR_ACCOUNT_ID}:certificate/00000000-0000-4000-8000-000000000000`,
      NX_DAEMON: 'false',
      FORCE_COLOR: '0',
    };
    for (const name of ['JEST_WORKER_ID', 'NODE_ENV', 'GITHUB_STEP_SUMMARY']) delete env[name];
    succeeded(make('bootstrap', 'STAGE=dev'));
    succeeded(make('build', 'STAGE=dev'));
  }, 420_000);

  afterAll(async () => {
    ssm?.destroy();
    await aws?.stop();
    repo?.remove();
  });

  it('deploys every service the first time: change set saved, commit recorded in SSM, package kept', async () => {
    const deployed = succeeded(make('deploy', 'STAGE=dev'));
    expect(deployed.output).toContain(
      `3 services to deploy to dev at ${first.slice(0, 12)}: catalog, inventory, orders`,
    );
    for (const service of SERVICES) {
      await expect(deployedSha(service)).resolves.toBe(first);
      const changeSet = JSON.parse(
        readFileSync(join(repo.dir, 'reports/deploy', service, 'dev', 'change-set.json'), 'utf8'),
      ) as {
        stackName: string;
        changes: Array<{ ResourceChange: { Action: string; ResourceType: string } }>;
      };
      expect(changeSet.stackName).toBe(`${service}-dev`);
      expect(changeSet.changes).toContainEqual(
        expect.objectContaining({
          ResourceChange: expect.objectContaining({ Action: 'Add', ResourceType: 'AWS::DynamoDB::Table' }),
        }),
      );
      expect(deployed.output).toContain(
        `kept in s3://serverless-factory-dev-artifacts-${EMULATOR_ACCOUNT_ID}-us-east-1/${service}/${first}/`,
      );
    }
    // Every resource type deployed is in docs/emulator.md's table of what the emulator creates.
    const documented = documentedTypes();
    for (const service of SERVICES) {
      const template = JSON.parse(
        readFileSync(
          join(repo.dir, 'dist', service, 'dev', 'cloudformation-template-update-stack.json'),
          'utf8',
        ),
      ) as { Resources: Record<string, { Type: string }> };
      for (const { Type } of Object.values(template.Resources))
        expect({ Type, listed: documented.has(Type) }).toEqual({ Type, listed: true });
    }
    const records = readDeployRecords(join(repo.dir, 'reports/history/deploys.jsonl'));
    expect(records.map((record) => [record.service, record.status, record.sha])).toEqual(
      SERVICES.map((service) => [service, 'succeeded', first]),
    );
  }, 240_000);

  it('deploys nothing when run again on the same commit', () => {
    const again = succeeded(make('deploy', 'STAGE=dev'));
    expect(again.output).toContain(`0 services to deploy to dev at ${first.slice(0, 12)}`);
    expect(again.output).not.toContain('serverless deploy --stage');
  });

  it('deploys only the service a change affects', async () => {
    const second = touch('catalog: a change', 'apps/catalog/src/domain/product.ts', '// a change to catalog');
    succeeded(make('build', 'STAGE=dev', 'SERVICES=catalog'));
    const deployed = succeeded(make('deploy', 'STAGE=dev'));
    expect(deployed.output).toContain(`1 service to deploy to dev at ${second.slice(0, 12)}: catalog`);
    await expect(deployedSha('catalog')).resolves.toBe(second);
    await expect(deployedSha('inventory')).resolves.toBe(first);
    await expect(deployedSha('orders')).resolves.toBe(first);
  }, 240_000);

  it('refuses a package that is not the one built from this commit, and records nothing', async () => {
    const before = await deployedSha('inventory');
    touch('inventory: a change', 'apps/inventory/src/domain/stock.ts', '// a change to inventory');
    // Not rebuilt: dist/inventory/dev was built from an older commit.
    const refused = make('deploy', 'STAGE=dev');
    expect(refused.status).not.toBe(0);
    expect(refused.output).toMatch(
      /dist\/inventory\/dev is not the package that was built and tested:\n\s+- built from commit/,
    );
    await expect(deployedSha('inventory')).resolves.toBe(before);
  });

  it('fails the run on a deploy the emulator cannot carry out, and leaves the recorded commit as it was', async () => {
    const before = await deployedSha('catalog');
    const broken = touch(
      'catalog: a table whose key has no attribute definition',
      'apps/catalog/serverless.yml',
      [
        '  - Resources:',
        '      BrokenTable:',
        '        Type: AWS::DynamoDB::Table',
        '        Properties:',
        '          BillingMode: PAY_PER_REQUEST',
        '          AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]',
        '          KeySchema: [{ AttributeName: missing, KeyType: HASH }]',
      ].join('\n'),
    );
    succeeded(make('build', 'STAGE=dev', 'SERVICES=catalog,inventory'));
    const failed = make('deploy', 'STAGE=dev', 'SERVICES=catalog');
    expect(failed.status).not.toBe(0);
    expect(failed.output).toContain('serverless deploy of catalog to dev failed');
    expect(failed.output).toMatch(/catalog\s+FAILED/);
    await expect(deployedSha('catalog')).resolves.toBe(before);
    const last = readDeployRecords(join(repo.dir, 'reports/history/deploys.jsonl')).at(-1);
    expect(last).toMatchObject({ service: 'catalog', status: 'failed', sha: broken });
    expect(existsSync(join(repo.dir, 'reports/deploy/catalog/dev/deploy.json'))).toBe(true);
  }, 240_000);

  describe('deployService, in this process', () => {
    const cloudFormation = (): CloudFormationClient =>
      new CloudFormationClient({
        endpoint: aws.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
      });

    it('reads the stack back after serverless deploy: its status, and no outputs from the emulator', async () => {
      const lines: string[] = [];
      const client = cloudFormation();
      const outcome = await deployService({
        service: 'orders',
        stage: 'dev',
        workspaceRoot: repo.dir,
        packageDir: join(repo.dir, 'dist/orders/dev'),
        changeSetFile: join(repo.dir, 'reports/deploy/orders/dev/in-process.json'),
        env,
        cloudFormation: client,
        log: (line) => lines.push(line),
      });
      client.destroy();
      expect(outcome).toMatchObject({ stackName: 'orders-dev', stackStatus: 'UPDATE_COMPLETE', outputs: {} });
      expect(lines.join('\n')).toMatch(/Deploying orders to stage dev|Service files not changed/);
    }, 120_000);

    it('fails with the end of what serverless printed when it cannot deploy', async () => {
      const failing = deployService({
        service: 'orders',
        stage: 'dev',
        workspaceRoot: repo.dir,
        packageDir: join(repo.dir, 'dist/orders/nowhere'),
        changeSetFile: join(repo.dir, 'reports/deploy/orders/dev/nowhere.json'),
        env,
        log: () => undefined,
      });
      await expect(failing).rejects.toThrow(DeployError);
      await expect(failing).rejects.toThrow(/serverless deploy of orders to dev failed \(exit 1\)/);
    }, 120_000);

    it('fails a deploy that leaves the stack rolled back (failure injected: the emulator never rolls back)', async () => {
      const rolledBack: StackReader = {
        send: async () => ({
          Stacks: [
            {
              StackName: 'orders-dev',
              StackStatus: 'UPDATE_ROLLBACK_COMPLETE',
              StackStatusReason: 'alarm',
              CreationTime: new Date(0),
            },
          ],
          $metadata: {},
        }),
      };
      await expect(
        deployService({
          service: 'orders',
          stage: 'dev',
          workspaceRoot: repo.dir,
          packageDir: join(repo.dir, 'dist/orders/dev'),
          changeSetFile: join(repo.dir, 'reports/deploy/orders/dev/rolled-back.json'),
          env,
          cloudFormation: rolledBack,
          log: () => undefined,
        }),
      ).rejects.toThrow('stack orders-dev is UPDATE_ROLLBACK_COMPLETE after its deploy: alarm');
    }, 120_000);
  });
});
