import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { localDynamoDbClient } from '@platform/testing';
import AWSXRay from 'aws-xray-sdk-core';
import { captureAwsClient, runWithRequestContext, tracer, withSubsegment } from '../src';
import { sourceMapsEnabled } from '../src/tracing/source-maps';
import {
  CORRELATION_ID_ANNOTATION,
  SOURCE_MAPS_WARNING,
  type TraceOperations,
  createTraceOperations,
} from '../src/tracing/trace-operations';
import { withEnvironment } from './with-environment';
import type { XRayDocument } from './x-ray-document';

const IN_LAMBDA = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', AWS_SAM_LOCAL: undefined };

/** Loads the package afresh (new shared tracer) with the given environment. */
async function loadPackage(variables: Record<string, string | undefined>): Promise<typeof import('../src')> {
  let loaded: typeof import('../src') | undefined;
  await withEnvironment(variables, () =>
    jest.isolateModulesAsync(async () => {
      loaded = await import('../src');
    }),
  );
  if (loaded === undefined) throw new Error('the package did not load');
  return loaded;
}

/**
 * A tracer that is on, as inside Lambda with active tracing. It does not patch Node's http
 * modules (POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS=false), which would outlive this test file.
 */
function enabledTracer(): Tracer {
  return withEnvironment(
    { ...IN_LAMBDA, POWERTOOLS_TRACE_ENABLED: undefined, POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS: 'false' },
    () => new Tracer({ serviceName: 'orders' }),
  );
}

/** Runs `fn` with a real X-Ray segment as the current one, and returns the segment's document. */
async function traced(fn: () => Promise<unknown>): Promise<XRayDocument> {
  const segment = new AWSXRay.Segment('orders-test');
  await AWSXRay.getNamespace().runPromise(async () => {
    AWSXRay.setSegment(segment);
    await fn();
  });
  return JSON.parse(segment.format()) as XRayDocument;
}

function operationsOn(tracerInstance: Tracer, sourceMapsOn = false) {
  const warnings: string[] = [];
  const operations: TraceOperations = createTraceOperations(tracerInstance, {
    sourceMapsEnabled: () => sourceMapsOn,
    warn: (message) => void warnings.push(message),
  });
  return { operations, warnings };
}

describe('tracer', () => {
  it('is off outside Lambda', () => {
    expect(tracer.isTracingEnabled()).toBe(false);
  });

  it('is off when POWERTOOLS_TRACE_ENABLED=false, even in a Lambda environment', async () => {
    const loaded = await loadPackage({ ...IN_LAMBDA, POWERTOOLS_TRACE_ENABLED: 'false' });
    expect(loaded.tracer.isTracingEnabled()).toBe(false);
  });

  it('is on in a Lambda environment when POWERTOOLS_TRACE_ENABLED is not false', async () => {
    const loaded = await loadPackage({
      ...IN_LAMBDA,
      POWERTOOLS_TRACE_ENABLED: undefined,
      POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS: 'false',
    });
    expect(loaded.tracer.isTracingEnabled()).toBe(true);
  });
});

describe('withSubsegment', () => {
  describe('with tracing off', () => {
    it('runs the function and resolves with its value', async () => {
      const loaded = await loadPackage({ ...IN_LAMBDA, POWERTOOLS_TRACE_ENABLED: 'false' });
      let calls = 0;
      const value = await loaded.withSubsegment('catalog.getProduct', async () => {
        calls += 1;
        return { sku: 'ABC-1' };
      });
      expect(value).toEqual({ sku: 'ABC-1' });
      expect(calls).toBe(1);
    });

    it('rejects with the function’s error, also when it throws before returning a promise', async () => {
      const failure = new Error('catalog down');
      await expect(withSubsegment('catalog.getProduct', () => Promise.reject(failure))).rejects.toBe(failure);
      await expect(
        withSubsegment('catalog.getProduct', () => {
          throw failure;
        }),
      ).rejects.toBe(failure);
    });
  });

  describe('with tracing on', () => {
    const { operations } = operationsOn(enabledTracer());

    it('runs the function in a subsegment named for the call, annotated with the correlation id', async () => {
      let value: unknown;
      const document = await traced(() =>
        runWithRequestContext({ correlationId: 'corr-1234-abcd' }, async () => {
          value = await operations.withSubsegment('catalog.getProduct', async () => 'priced');
        }),
      );
      expect(value).toBe('priced');
      expect(document.subsegments).toEqual([
        expect.objectContaining({
          name: 'catalog.getProduct',
          annotations: { [CORRELATION_ID_ANNOTATION]: 'corr-1234-abcd' },
          end_time: expect.any(Number),
        }),
      ]);
      expect(document.subsegments?.[0]?.in_progress).toBeUndefined();
    });

    it('marks the subsegment with the error and closes it when the function rejects', async () => {
      const failure = new Error('inventory down');
      let rejection: unknown;
      const document = await traced(() =>
        runWithRequestContext({ correlationId: 'corr-1234-abcd' }, () =>
          operations
            .withSubsegment('inventory.reserve', () => Promise.reject(failure))
            .catch((error: unknown) => {
              rejection = error;
            }),
        ),
      );
      expect(rejection).toBe(failure);
      const [subsegment] = document.subsegments ?? [];
      expect(subsegment).toMatchObject({
        name: 'inventory.reserve',
        fault: true,
        end_time: expect.any(Number),
      });
      expect(subsegment?.cause?.exceptions[0]?.message).toBe('inventory down');
    });

    it('records a rejection that is not an Error as well', async () => {
      const document = await traced(() =>
        operations
          .withSubsegment('inventory.release', () => Promise.reject('timeout'))
          .catch(() => undefined),
      );
      expect(document.subsegments?.[0]?.cause?.exceptions[0]?.message).toBe('timeout');
    });

    it('gives concurrent calls of different requests a subsegment each, with their own correlation id', async () => {
      const call = (correlationId: string, name: string, delayMs: number): Promise<void> =>
        runWithRequestContext({ correlationId }, () =>
          operations.withSubsegment(name, () => new Promise<void>((resolve) => setTimeout(resolve, delayMs))),
        );
      const document = await traced(() =>
        Promise.all([call('request-a-0001', 'call-a', 20), call('request-b-0002', 'call-b', 1)]),
      );
      const byName = Object.fromEntries((document.subsegments ?? []).map((s) => [s.name, s.annotations]));
      expect(byName).toEqual({
        'call-a': { correlationId: 'request-a-0001' },
        'call-b': { correlationId: 'request-b-0002' },
      });
    });

    it('nests the subsegment of a call made inside another call', async () => {
      const document = await traced(() =>
        operations.withSubsegment('orders.place', () =>
          operations.withSubsegment('catalog.getProduct', async () => 1),
        ),
      );
      expect(document.subsegments?.map((s) => s.name)).toEqual(['orders.place']);
      expect(document.subsegments?.[0]?.subsegments?.map((s) => s.name)).toEqual(['catalog.getProduct']);
    });

    it('adds no annotation outside a request context', async () => {
      const document = await traced(() => operations.withSubsegment('warm-up', async () => 1));
      expect(document.subsegments?.[0]?.annotations).toBeUndefined();
    });

    it('still runs the function when there is no active segment', async () => {
      await expect(operations.withSubsegment('orphan', async () => 'ran')).resolves.toBe('ran');
    });
  });
});

describe('captureAwsClient', () => {
  it('returns the client as it is when tracing is off, and the client works (DynamoDB Local)', async () => {
    const client = localDynamoDbClient();
    const captured = captureAwsClient(client);
    expect(captured).toBe(client);
    await expect(captured.send(new ListTablesCommand({}))).resolves.toHaveProperty('TableNames');
  });

  it('traces each call of the client in its own subsegment when tracing is on (DynamoDB Local)', async () => {
    const { operations, warnings } = operationsOn(enabledTracer());
    const client = operations.captureAwsClient(localDynamoDbClient());
    const document = await traced(async () => {
      await client.send(new ListTablesCommand({}));
      await client.send(new ListTablesCommand({ Limit: 1 }));
    });
    expect(document.subsegments).toEqual([
      expect.objectContaining({
        name: 'DynamoDB',
        namespace: 'aws',
        aws: expect.objectContaining({ operation: 'ListTables' }),
      }),
      expect.objectContaining({
        name: 'DynamoDB',
        namespace: 'aws',
        aws: expect.objectContaining({ operation: 'ListTables' }),
      }),
    ]);
    expect(warnings).toEqual([]);
  });

  it('skips capture and warns once for all clients when source maps are on (fake: source maps reported as on)', async () => {
    const { operations, warnings } = operationsOn(enabledTracer(), true);
    const first = localDynamoDbClient();
    const second = localDynamoDbClient();
    expect(operations.captureAwsClient(first)).toBe(first);
    expect(operations.captureAwsClient(second)).toBe(second);
    const document = await traced(() => first.send(new ListTablesCommand({})));
    expect(document.subsegments).toBeUndefined();
    expect(warnings).toEqual([SOURCE_MAPS_WARNING]);
    expect(SOURCE_MAPS_WARNING).toMatch(/--enable-source-maps/);
  });
});

describe('sourceMapsEnabled', () => {
  it.each([
    ['--enable-source-maps on the command line', ['--enable-source-maps'], undefined, false, true],
    [
      '--enable-source-maps in NODE_OPTIONS',
      [],
      '--max-old-space-size=512 --enable-source-maps',
      false,
      true,
    ],
    ['source maps enabled programmatically', [], undefined, true, true],
    ['other flags only', ['--inspect'], '--max-old-space-size=512', false, false],
    ['a similar but different flag', [], '--no-enable-source-maps', false, false],
    ['nothing at all', [], undefined, undefined, false],
  ])('with %s: %s', (_label, execArgv, nodeOptions, processFlag, expected) => {
    expect(sourceMapsEnabled({ execArgv, nodeOptions, sourceMapsEnabled: processFlag })).toBe(expected);
  });

  it('reads this process’s settings by default', () => {
    expect(typeof sourceMapsEnabled()).toBe('boolean');
  });
});
