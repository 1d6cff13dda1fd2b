import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A document client whose every request fails; `calls` lists the commands it was sent.
 *
 * @example
 * import { timeoutError } from '@platform/persistence/testing';
 *
 * const client: FailingDocumentClient = failingDocumentClient(timeoutError);
 * expect(client.calls).toEqual([]);
 */
export type FailingDocumentClient = DynamoDBDocumentClient & { readonly calls: string[] };

/**
 * A real `DynamoDBDocumentClient` whose every `send` rejects with the given error (or a fresh one
 * from the factory), before any network traffic or SDK retry. For the failures DynamoDB Local
 * cannot produce — throttling, timeouts — in tests named "(fake: …)".
 *
 * @example
 * import { getItem, ThrottledError } from '@platform/persistence';
 * import { sdkError } from '@platform/persistence/testing';
 *
 * it('answers throttling with ThrottledError (fake: throttling)', async () => {
 *   const client = failingDocumentClient(sdkError('ProvisionedThroughputExceededException'));
 *   await expect(getItem(client, { tableName: 't', key: { pk: 'a' } })).rejects.toBeInstanceOf(ThrottledError);
 * });
 */
export function failingDocumentClient(error: Error | (() => Error)): FailingDocumentClient {
  const base = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'failing', secretAccessKey: 'failing' },
    maxAttempts: 1,
  });
  const calls: string[] = [];
  base.middlewareStack.add(
    (_next, context) => async () => {
      calls.push(context.commandName ?? 'unknown');
      throw typeof error === 'function' ? error() : error;
    },
    { step: 'initialize', priority: 'high', name: 'platformFailureInjection' },
  );
  return Object.assign(
    DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }),
    { calls },
  );
}
