import {
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
  type DescribeStackDriftDetectionStatusCommandOutput,
  type DescribeStackResourceDriftsCommandOutput,
  type DescribeStacksCommandOutput,
  type DetectStackDriftCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { CiError } from './errors';

/** The part of a `CloudFormationClient` drift detection uses. */
export interface DriftClient {
  send(command: DescribeStacksCommand): Promise<DescribeStacksCommandOutput>;
  send(command: DetectStackDriftCommand): Promise<DetectStackDriftCommandOutput>;
  send(
    command: DescribeStackDriftDetectionStatusCommand,
  ): Promise<DescribeStackDriftDetectionStatusCommandOutput>;
  send(command: DescribeStackResourceDriftsCommand): Promise<DescribeStackResourceDriftsCommandOutput>;
}

/** What drift detection found for one stack. */
export interface StackDrift {
  readonly stackName: string;
  /**
   * IN_SYNC and NOT_DEPLOYED pass; DRIFTED (changed outside CloudFormation) and DETECTION_FAILED
   * (CloudFormation could not check every resource) fail.
   */
  readonly status: 'IN_SYNC' | 'DRIFTED' | 'DETECTION_FAILED' | 'NOT_DEPLOYED';
  readonly reason?: string;
  /** The resources that are MODIFIED or DELETED. */
  readonly drifted: ReadonlyArray<{ logicalId: string; type: string; status: string }>;
}

/** Whether drift detection's verdict fails the check. */
export function driftFails(drift: StackDrift): boolean {
  return drift.status === 'DRIFTED' || drift.status === 'DETECTION_FAILED';
}

function isMissingStack(error: unknown): boolean {
  return error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message);
}

/**
 * Runs CloudFormation drift detection on one stack and waits for its verdict. A stack that does
 * not exist is NOT_DEPLOYED; detection that ends DETECTION_FAILED is reported as such (with
 * CloudFormation's reason), never as in sync.
 *
 * @throws {CiError} when detection does not finish by the deadline
 * @example
 * import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
 * const drift = await detectStackDrift(new CloudFormationClient({}), 'catalog-prod');
 */
export async function detectStackDrift(
  client: DriftClient,
  stackName: string,
  options: { pollMs?: number; timeoutMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<StackDrift> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  try {
    await client.send(new DescribeStacksCommand({ StackName: stackName }));
  } catch (error) {
    if (isMissingStack(error)) return { stackName, status: 'NOT_DEPLOYED', drifted: [] };
    throw error;
  }
  const { StackDriftDetectionId: id } = await client.send(
    new DetectStackDriftCommand({ StackName: stackName }),
  );
  const deadline = Date.now() + (options.timeoutMs ?? 20 * 60_000);
  for (;;) {
    const detection = await client.send(
      new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: id }),
    );
    if (detection.DetectionStatus === 'DETECTION_FAILED') {
      return {
        stackName,
        status: 'DETECTION_FAILED',
        reason: detection.DetectionStatusReason ?? 'no reason given',
        drifted: [],
      };
    }
    if (detection.DetectionStatus === 'DETECTION_COMPLETE') {
      if (detection.StackDriftStatus === 'IN_SYNC') return { stackName, status: 'IN_SYNC', drifted: [] };
      const drifts = await client.send(
        new DescribeStackResourceDriftsCommand({
          StackName: stackName,
          StackResourceDriftStatusFilters: ['MODIFIED', 'DELETED'],
        }),
      );
      return {
        stackName,
        status: 'DRIFTED',
        drifted: (drifts.StackResourceDrifts ?? []).map((drift) => ({
          logicalId: drift.LogicalResourceId ?? '?',
          type: drift.ResourceType ?? '?',
          status: drift.StackResourceDriftStatus ?? '?',
        })),
      };
    }
    if (Date.now() > deadline) {
      throw new CiError(
        `drift detection of ${stackName} did not finish within ${(options.timeoutMs ?? 1_200_000) / 60_000} minutes`,
      );
    }
    await sleep(options.pollMs ?? 5_000);
  }
}

/** A line per stack, and one per drifted resource. */
export function formatDrift(drifts: readonly StackDrift[]): string {
  return drifts
    .flatMap((drift) => [
      `${driftFails(drift) ? '✗' : '✓'} ${drift.stackName}: ${drift.status}${drift.reason ? ` (${drift.reason})` : ''}`,
      ...drift.drifted.map((resource) => `    ${resource.logicalId} (${resource.type}): ${resource.status}`),
    ])
    .join('\n');
}
