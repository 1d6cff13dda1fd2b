import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CiError } from '../src/errors';
import { detectStackDrift, driftFails, formatDrift, type DriftClient } from '../src/stack-drift';

/**
 * Replays recorded CloudFormation answers (tests/fixtures/drift, the API reference's shapes): the
 * AWS API emulator has no drift-detection API. Each command sent must be the next one recorded.
 */
function recorded(file: string | Array<[string, unknown]>): DriftClient & { left(): number } {
  const script: Array<[string, unknown]> =
    typeof file === 'string'
      ? JSON.parse(readFileSync(join(__dirname, 'fixtures', 'drift', file), 'utf8'))
      : file;
  const client = {
    send: async (command: { constructor: { name: string } }): Promise<unknown> => {
      const next = script.shift();
      if (!next) throw new Error(`unexpected ${command.constructor.name}: no answer recorded`);
      expect(command.constructor.name).toBe(next[0]);
      if (next[1] instanceof Error) throw next[1];
      return next[1];
    },
    left: () => script.length,
  };
  return client as unknown as DriftClient & { left(): number };
}
const noWait = { sleep: async () => undefined };

describe('detectStackDrift (recorded CloudFormation answers: the emulator has no drift API)', () => {
  it('passes a stack in sync, after waiting for detection to finish', async () => {
    const client = recorded('in-sync.json');
    const drift = await detectStackDrift(client, 'catalog-prod', noWait);
    expect(drift).toEqual({ stackName: 'catalog-prod', status: 'IN_SYNC', drifted: [] });
    expect(driftFails(drift)).toBe(false);
    expect(client.left()).toBe(0);
  });

  it('fails a drifted stack and lists the modified and deleted resources', async () => {
    const drift = await detectStackDrift(recorded('drifted.json'), 'orders-prod', noWait);
    expect(drift).toEqual({
      stackName: 'orders-prod',
      status: 'DRIFTED',
      drifted: [
        { logicalId: 'PlaceOrderLambdaFunction', type: 'AWS::Lambda::Function', status: 'MODIFIED' },
        {
          logicalId: 'PlaceOrderLambdaFunctionErrorsAlarm',
          type: 'AWS::CloudWatch::Alarm',
          status: 'DELETED',
        },
      ],
    });
    expect(driftFails(drift)).toBe(true);
    expect(formatDrift([drift])).toBe(
      '✗ orders-prod: DRIFTED\n    PlaceOrderLambdaFunction (AWS::Lambda::Function): MODIFIED\n' +
        '    PlaceOrderLambdaFunctionErrorsAlarm (AWS::CloudWatch::Alarm): DELETED',
    );
  });

  it('fails on DETECTION_FAILED with CloudFormation’s reason, never reading it as in sync', async () => {
    const drift = await detectStackDrift(recorded('detection-failed.json'), 'inventory-prod', noWait);
    expect(drift).toMatchObject({
      status: 'DETECTION_FAILED',
      reason: expect.stringContaining('not authorized'),
    });
    expect(driftFails(drift)).toBe(true);
    expect(formatDrift([drift])).toContain('✗ inventory-prod: DETECTION_FAILED (Failed to detect drift');
  });

  it('passes a stack that is not deployed', async () => {
    const missing = Object.assign(new Error('Stack with id search-prod does not exist'), {
      name: 'ValidationError',
    });
    const drift = await detectStackDrift(
      recorded([['DescribeStacksCommand', missing]]),
      'search-prod',
      noWait,
    );
    expect(drift).toEqual({ stackName: 'search-prod', status: 'NOT_DEPLOYED', drifted: [] });
    expect(formatDrift([drift])).toBe('✓ search-prod: NOT_DEPLOYED');
  });

  it('gives up at its deadline', async () => {
    const pending: Array<[string, unknown]> = [
      ['DescribeStacksCommand', { Stacks: [{}] }],
      ['DetectStackDriftCommand', { StackDriftDetectionId: 'x' }],
      ...Array.from({ length: 5 }, (): [string, unknown] => [
        'DescribeStackDriftDetectionStatusCommand',
        { DetectionStatus: 'DETECTION_IN_PROGRESS' },
      ]),
    ];
    await expect(
      detectStackDrift(recorded(pending), 'slow-prod', { timeoutMs: -1, sleep: async () => undefined }),
    ).rejects.toThrow(CiError);
  });
});
