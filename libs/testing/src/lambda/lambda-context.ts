import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { TestingError } from '../errors';

/** The default time budget of a test invocation, like a function configured with a 30 s timeout. */
const DEFAULT_TIMEOUT_MS = 30_000;

function legacyCallback(name: string): () => never {
  return () => {
    throw new TestingError(
      `context.${name}() is the legacy callback API: return a value (or throw) from an async handler instead.`,
    );
  };
}

/**
 * Builds a Lambda `Context` for calling a handler in a test: a fresh `awsRequestId`, names and ARN
 * derived from `functionName` (default `test-function`), and `getRemainingTimeInMillis()` counting
 * down from 30 s. The legacy `done`/`fail`/`succeed` callbacks throw. `overrides` replace any field.
 *
 * @example
 * import { httpApiEvent, type HttpApiHandler } from '@platform/testing';
 *
 * declare const handler: HttpApiHandler;
 * const response = await handler(httpApiEvent({ method: 'GET', path: '/catalog/health' }),
 *   lambdaContext({ functionName: 'catalog-test-health' }));
 */
export function lambdaContext(overrides: Partial<Context> = {}): Context {
  const functionName = overrides.functionName ?? 'test-function';
  const region = process.env['AWS_REGION'] ?? 'us-east-1';
  const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
  const today = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${today}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: legacyCallback('done'),
    fail: legacyCallback('fail'),
    succeed: legacyCallback('succeed'),
    ...overrides,
  };
}
