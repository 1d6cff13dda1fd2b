import { captureLogs } from '@platform/observability/testing';
import { ForbiddenError, UnauthorizedError } from '@platform/auth';
import { httpApiEvent, lambdaContext, mintToken } from '@platform/testing';
import { z } from 'zod';
import { healthHandler, InvalidPayloadError, invokeHandler } from '../src';

describe('healthHandler', () => {
  const logs = captureLogs({ service: 'test' });

  it('answers 200 {"status":"ok"} when the check passes, without a token', async () => {
    const handler = healthHandler({ check: async () => true, logger: logs.logger });
    const response = await handler(httpApiEvent({ method: 'GET', path: '/catalog/health' }), lambdaContext());
    expect(response).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
    expect(response.headers?.['x-correlation-id']).toEqual(expect.any(String));
  });

  it('answers 503 problem+json with Retry-After when the check throws or fails', async () => {
    for (const check of [async () => false, async () => Promise.reject(new Error('ECONNREFUSED'))]) {
      const handler = healthHandler({ check, logger: logs.logger });
      const response = await handler(
        httpApiEvent({ method: 'GET', path: '/catalog/health' }),
        lambdaContext(),
      );
      expect(response.statusCode).toBe(503);
      expect(response.headers?.['retry-after']).toBe('5');
      expect(response.body).not.toContain('ECONNREFUSED');
    }
  });
});

describe('invokeHandler', () => {
  const logs = captureLogs({ service: 'test' });
  const handler = invokeHandler(
    {
      payload: z.strictObject({ orderId: z.string(), correlationId: z.string().optional() }),
      logger: logs.logger,
    },
    async (payload, { correlationId, logger }) => {
      logger.info('reserving');
      return { orderId: payload.orderId, correlationId };
    },
  );
  beforeEach(() => logs.clear());

  it('runs with the caller correlation id in every log line', async () => {
    const result = await handler({ orderId: 'o-1', correlationId: 'from-orders-123' }, lambdaContext());
    expect(result).toEqual({ orderId: 'o-1', correlationId: 'from-orders-123' });
    expect(logs.lines().map((line) => line['correlationId'])).toEqual(['from-orders-123', 'from-orders-123']);
    expect(logs.lines()[1]).toMatchObject({ msg: 'invocation completed', outcome: 'ok' });
  });

  it('fails an invalid payload with InvalidPayloadError naming the fields', async () => {
    await expect(handler({ orderId: 1, extra: true }, lambdaContext())).rejects.toThrow(InvalidPayloadError);
    await expect(handler({ orderId: 1 }, lambdaContext())).rejects.toThrow(/orderId/);
    expect(logs.lines().some((line) => line['outcome'] === 'invalid-payload')).toBe(true);
  });

  it('logs and rethrows what the body throws', async () => {
    const failing = invokeHandler({ payload: z.object({}), logger: logs.logger }, async () => {
      throw new Error('downstream');
    });
    await expect(failing({}, lambdaContext())).rejects.toThrow('downstream');
    expect(logs.lines().find((line) => line['msg'] === 'invocation completed')).toMatchObject({
      outcome: 'error',
    });
  });

  it('publishes the metrics the body recorded, once per invocation, failed ones included', async () => {
    const metrics = { publish: jest.fn() };
    const counting = invokeHandler(
      { payload: z.object({ fail: z.boolean() }), logger: logs.logger, metrics },
      async ({ fail }) => {
        if (fail) throw new Error('downstream');
        return 'done';
      },
    );
    await counting({ fail: false }, lambdaContext());
    await expect(counting({ fail: true }, lambdaContext())).rejects.toThrow('downstream');
    await expect(counting({ fail: 'no' }, lambdaContext())).rejects.toThrow(InvalidPayloadError);
    expect(metrics.publish).toHaveBeenCalledTimes(3);
  });
});

describe('invokeHandler with caller proof', () => {
  const payload = z.object({ token: z.string(), orderId: z.string() });
  const handler = invokeHandler(
    { payload, caller: { scopes: ['orders:write'] } },
    async (request, { principal }) => ({
      tenant: principal.tenantId,
      customer: principal.sub,
      order: request.orderId,
    }),
  );
  const context = lambdaContext({ functionName: 'svc-test-reserve' });

  it('hands the body the principal of the verified token, so the tenant comes from the token', async () => {
    const token = await mintToken({ sub: 'ann', tenant: 'acme', scope: 'orders:write' });
    await expect(handler({ token, orderId: 'o-1' }, context)).resolves.toEqual({
      tenant: 'acme',
      customer: 'ann',
      order: 'o-1',
    });
  });

  it('fails with UnauthorizedError, before validating the payload, when no valid token comes with it', async () => {
    await expect(handler({ orderId: 'o-1' }, context)).rejects.toThrow(UnauthorizedError);
    await expect(handler({ token: 'x.y.z', unknown: true }, context)).rejects.toThrow(UnauthorizedError);
    await expect(handler(null, context)).rejects.toThrow(UnauthorizedError);
  });

  it('fails with ForbiddenError when the token lacks a required scope', async () => {
    const token = await mintToken({ sub: 'ann', tenant: 'acme', scope: 'orders:read' });
    await expect(handler({ token, orderId: 'o-1' }, context)).rejects.toThrow(ForbiddenError);
  });
});
