import { e2eContext } from './support/e2e-context';

const context = e2eContext();

describe('GET /<service>/health', () => {
  it.each(['catalog', 'inventory', 'orders'])(
    '%s answers 200 {"status":"ok"} without a token',
    async (service) => {
      const reply = await context.api.call('GET', `/${service}/health`);
      expect({ status: reply.status, body: reply.body }).toEqual({ status: 200, body: { status: 'ok' } });
      expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
      expect(reply.headers.get('x-correlation-id')).toBe(reply.sentCorrelationId);
    },
  );
});
