import { readBoolean } from '../intrinsics';
import { isJsonObject } from '../json-value';
import type { ResourceRule } from '../rule';
import type { TemplateContext } from '../template-context';

const QUEUE = 'AWS::SQS::Queue';

/** Property names under which a queue is named as somebody's dead-letter or failure target. */
const FAILURE_TARGET_KEYS = new Set([
  'deadLetterTargetArn',
  'DeadLetterConfig',
  'OnFailure',
  'RedrivePolicy',
]);

/** Queues of the template that serve as a dead-letter queue or failure destination of something. */
function failureTargetQueues(context: TemplateContext): Set<string> {
  const queues = new Set<string>();
  const visit = (value: unknown, underFailureKey: boolean): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, underFailureKey);
      return;
    }
    if (!isJsonObject(value)) return;
    const target = underFailureKey ? context.resolve(value) : undefined;
    if (target !== undefined && context.resource(target)?.Type === QUEUE) queues.add(target);
    for (const [key, child] of Object.entries(value))
      visit(child, underFailureKey || FAILURE_TARGET_KEYS.has(key));
  };
  for (const resource of Object.values(context.template.Resources)) visit(resource.Properties, false);
  return queues;
}

export const sqsEncryption: ResourceRule = {
  id: 'SFP-SQS-001',
  title: 'Queues are encrypted at rest',
  severity: 'error',
  resourceTypes: [QUEUE],
  description:
    'Messages carry business data; the queue must say how it is encrypted rather than rely on an account default.',
  remediation: 'Set `SqsManagedSseEnabled: true`, or `KmsMasterKeyId` for a KMS key.',
  mappings: {
    cdkNag: ['AwsSolutions-SQS2'],
    checkov: ['CKV_AWS_27'],
    cfnNag: ['W48'],
    nist80053: ['SC-13', 'SC-28'],
  },
  check: (context) =>
    context.ofType(QUEUE).flatMap(([id, queue]) => {
      const { KmsMasterKeyId, SqsManagedSseEnabled } = queue.Properties;
      if (KmsMasterKeyId !== undefined) return [];
      if (SqsManagedSseEnabled !== undefined && readBoolean(SqsManagedSseEnabled) !== false) return [];
      return [
        {
          resource: id,
          message: 'is not encrypted at rest (neither KmsMasterKeyId nor SqsManagedSseEnabled)',
        },
      ];
    }),
};

export const sqsDeadLetterQueue: ResourceRule = {
  id: 'SFP-SQS-002',
  title: 'Queues have a dead-letter queue',
  severity: 'warning',
  resourceTypes: [QUEUE],
  description:
    'A message that always fails is retried until it expires and is then lost; a redrive policy moves ' +
    'it to a dead-letter queue where it can be inspected and replayed. Queues that are themselves DLQs are exempt.',
  remediation: 'Set `RedrivePolicy: { deadLetterTargetArn, maxReceiveCount }` on the queue.',
  mappings: {
    cdkNag: ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'],
    checkov: [],
    cfnNag: [],
    nist80053: ['CA-7', 'SI-2'],
  },
  check: (context) => {
    const deadLetterQueues = failureTargetQueues(context);
    return context.ofType(QUEUE).flatMap(([id, queue]) => {
      const redrive = queue.Properties.RedrivePolicy;
      const hasRedrive = isJsonObject(redrive)
        ? redrive.deadLetterTargetArn !== undefined
        : redrive !== undefined;
      if (hasRedrive || deadLetterQueues.has(id) || queue.Properties.RedriveAllowPolicy !== undefined)
        return [];
      return [{ resource: id, message: 'has no dead-letter queue (no RedrivePolicy.deadLetterTargetArn)' }];
    });
  },
};

/** The SQS rules, in ID order. */
export const SQS_RULES: readonly ResourceRule[] = [sqsEncryption, sqsDeadLetterQueue];
