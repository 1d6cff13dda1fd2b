import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { AlreadyExistsError, DependencyUnavailableError, getItem, putIfAbsent } from '../src';
import { failingDocumentClient, networkError, sdkError, timeoutError } from '../src/testing';

describe('failingDocumentClient', () => {
  it('rejects every request with the error it was given, recording the command', async () => {
    const error = sdkError('ProvisionedThroughputExceededException');
    const client = failingDocumentClient(error);
    await expect(client.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }))).rejects.toBe(error);
    expect(client.calls).toEqual(['GetItemCommand']);
  });

  it('builds a fresh error per request from a factory', async () => {
    const client = failingDocumentClient(() => networkError('ECONNREFUSED'));
    const first = await getItem(client, { tableName: 't', key: { pk: 'a' } }).catch((e: unknown) => e);
    const second = await getItem(client, { tableName: 't', key: { pk: 'a' } }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(DependencyUnavailableError);
    expect((first as Error).cause).not.toBe((second as Error).cause);
    expect(client.calls).toEqual(['GetItemCommand', 'GetItemCommand']);
  });

  it('can inject the SDK exception classes themselves (fake: lost race)', async () => {
    const client = failingDocumentClient(
      () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }),
    );
    await expect(putIfAbsent(client, { tableName: 't', item: { pk: 'a' } })).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
  });
});

describe('sdkError', () => {
  it('is shaped like a modeled SDK exception', () => {
    expect(sdkError('ThrottlingException')).toMatchObject({
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    expect(sdkError('InternalServerError', { fault: 'server', message: 'm' })).toMatchObject({
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
      message: 'm',
    });
  });
});

describe('timeoutError and networkError', () => {
  it('look like the HTTP handler errors', () => {
    expect(timeoutError()).toMatchObject({ name: 'TimeoutError' });
    expect(networkError()).toMatchObject({ code: 'ECONNRESET' });
  });
});
