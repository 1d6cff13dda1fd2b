import { TestingError, lambdaContext } from '../src';

describe('lambdaContext', () => {
  it('describes a test function with a fresh request id', () => {
    const context = lambdaContext();
    expect(context).toMatchObject({
      callbackWaitsForEmptyEventLoop: true,
      functionName: 'test-function',
      functionVersion: '$LATEST',
      invokedFunctionArn: expect.stringMatching(
        /^arn:aws:lambda:[a-z0-9-]+:123456789012:function:test-function$/,
      ),
      memoryLimitInMB: '1024',
      logGroupName: '/aws/lambda/test-function',
      logStreamName: expect.stringMatching(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/),
    });
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lambdaContext().awsRequestId).not.toBe(context.awsRequestId);
  });

  it('derives the ARN and log group from the function name', () => {
    const context = lambdaContext({ functionName: 'orders-test-place' });
    expect(context.invokedFunctionArn).toMatch(/:function:orders-test-place$/);
    expect(context.logGroupName).toBe('/aws/lambda/orders-test-place');
  });

  it('counts the remaining time down from 30 s', async () => {
    const context = lambdaContext();
    const first = context.getRemainingTimeInMillis();
    expect(first).toBeLessThanOrEqual(30_000);
    expect(first).toBeGreaterThan(29_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(context.getRemainingTimeInMillis()).toBeLessThan(first);
  });

  it('takes overrides for any field', () => {
    const context = lambdaContext({ awsRequestId: 'req-1', getRemainingTimeInMillis: () => 42 });
    expect(context.awsRequestId).toBe('req-1');
    expect(context.getRemainingTimeInMillis()).toBe(42);
  });

  it('refuses the legacy callbacks', () => {
    const context = lambdaContext();
    expect(() => context.done()).toThrow(TestingError);
    expect(() => context.fail('x')).toThrow(/context\.fail\(\) is the legacy callback API/);
    expect(() => context.succeed('x')).toThrow(/context\.succeed\(\)/);
  });
});
