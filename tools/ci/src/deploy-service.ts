import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  type DescribeStacksCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { DeployError } from './errors';
import { runCommand } from './run-command';

/** The environment variable @platform/serverless-plugin saves the executed change set to. */
const CHANGE_SET_FILE_VARIABLE = 'PLATFORM_CHANGE_SET_FILE';

/** The part of a `CloudFormationClient` used to read the deployed stack. */
export interface StackReader {
  send(command: DescribeStacksCommand): Promise<DescribeStacksCommandOutput>;
}

/** Input of {@link deployService}. */
export interface DeployServiceInput {
  readonly service: string;
  readonly stage: string;
  /** The workspace root (node_modules/serverless, apps/<service>). */
  readonly workspaceRoot: string;
  /** The verified package (`dist/<service>/<stage>`). */
  readonly packageDir: string;
  /** Where the change set is saved (`…/change-set.json`); removed first, written before execution. */
  readonly changeSetFile: string;
  /** The environment of `serverless deploy` (credentials, region, endpoint). */
  readonly env: NodeJS.ProcessEnv;
  readonly cloudFormation?: StackReader;
  readonly log: (line: string) => void;
}

/** A change of the executed change set, as the plugin saved it. */
interface SavedChange {
  readonly Type?: string;
  readonly ResourceChange?: {
    Action?: string;
    LogicalResourceId?: string;
    ResourceType?: string;
    Replacement?: string;
  };
}

/** The change set the deploy executed, as @platform/serverless-plugin saved it. */
interface SavedChangeSet {
  readonly stackName: string;
  readonly changeSetName: string;
  readonly changes: readonly SavedChange[];
}

/** What one deploy did. */
export interface DeployOutcome {
  readonly stackName: string;
  readonly durationMs: number;
  /**
   * The executed change set; `undefined` when `serverless deploy` found the uploaded artifacts
   * equal to the deployed ones and changed nothing.
   */
  readonly changeSet: SavedChangeSet | undefined;
  readonly stackStatus: string;
  /** The stack's outputs as CloudFormation reports them (the AWS API emulator reports none: docs/emulator.md). */
  readonly outputs: Readonly<Record<string, string>>;
}

const FAILED_STATUS = /(FAILED|ROLLBACK)/;

/**
 * Deploys one verified package with the real `serverless deploy --package`: the artifacts are
 * uploaded, a CloudFormation change set is created, saved (by @platform/serverless-plugin) to
 * `changeSetFile` and executed; then the stack is read back. Works against AWS and against the
 * AWS API emulator alike (`AWS_ENDPOINT_URL` in `env`).
 *
 * @throws {DeployError} when serverless fails, or the stack is left failed or rolled back
 * @example
 * const outcome = await deployService({
 *   service: 'catalog',
 *   stage: 'dev',
 *   workspaceRoot: process.cwd(),
 *   packageDir: 'dist/catalog/dev',
 *   changeSetFile: 'dist/catalog/dev/change-set.json',
 *   env: process.env,
 *   log: (line) => console.log(line),
 * });
 */
export async function deployService(input: DeployServiceInput): Promise<DeployOutcome> {
  const stackName = `${input.service}-${input.stage}`;
  rmSync(input.changeSetFile, { force: true });
  const started = performance.now();
  const { code, tail } = await runCommand(
    process.execPath,
    [
      join(input.workspaceRoot, 'node_modules/serverless/bin/serverless.js'),
      'deploy',
      '--stage',
      input.stage,
      '--package',
      resolve(input.packageDir),
    ],
    {
      cwd: join(input.workspaceRoot, 'apps', input.service),
      env: {
        ...input.env,
        [CHANGE_SET_FILE_VARIABLE]: resolve(input.changeSetFile),
        SLS_TELEMETRY_DISABLED: '1',
        FORCE_COLOR: '0',
      },
      log: input.log,
    },
  );
  const durationMs = performance.now() - started;
  if (code !== 0) {
    throw new DeployError(
      `serverless deploy of ${input.service} to ${input.stage} failed (exit ${code}):\n${tail.slice(-12).join('\n')}`,
    );
  }
  const cloudFormation = input.cloudFormation ?? new CloudFormationClient({});
  let described: DescribeStacksCommandOutput;
  try {
    described = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  } catch (error) {
    throw new DeployError(`cannot read stack ${stackName} after its deploy: ${String(error)}`, {
      cause: error,
    });
  }
  const stack = described.Stacks?.[0];
  const stackStatus = stack?.StackStatus ?? 'UNKNOWN';
  if (!stackStatus.endsWith('_COMPLETE') || FAILED_STATUS.test(stackStatus)) {
    throw new DeployError(
      `stack ${stackName} is ${stackStatus} after its deploy${stack?.StackStatusReason ? `: ${stack.StackStatusReason}` : ''}`,
    );
  }
  const outputs = Object.fromEntries(
    (stack?.Outputs ?? []).flatMap((output) =>
      output.OutputKey && output.OutputValue !== undefined ? [[output.OutputKey, output.OutputValue]] : [],
    ),
  );
  const changeSet = existsSync(input.changeSetFile)
    ? (JSON.parse(readFileSync(input.changeSetFile, 'utf8')) as SavedChangeSet)
    : undefined;
  return { stackName, durationMs, changeSet, stackStatus, outputs };
}
