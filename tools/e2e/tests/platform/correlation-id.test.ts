import { e2eContext, expectProblem } from '../support/e2e-context';

const context = e2eContext();
const tenant = context.names.tenant('correlation');
const CORRELATION_ID = /^[A-Za-z0-9._-]{8,128}$/;

describe('x-correlation-id', () => {
  let token: string;
  beforeAll(async () => {
    token = await context.token(tenant, 'c-1');
  });

  const calls: Array<[string, string, string, () => Record<string, unknown> | undefined]> = [
    ['a health check', 'GET', '/catalog/health', () => undefined],
    ['a read', 'GET', '/catalog/products', () => undefined],
    ['a write', 'PUT', `/inventory/stock/${context.names.sku('CORR')}`, () => ({ available: 1 })],
    ['a 404', 'GET', `/orders/01ARZ3NDEKTSV4RRFFQ69G5FAV`, () => undefined],
    ['a 422', 'POST', '/orders', () => ({ lines: [] })],
  ];

  it.each(calls)('is echoed on %s', async (_what, method, path, body) => {
    const sent = `e2e-corr-${context.names.runId}`;
    const payload = body();
    const reply = await context.api.call(method, path, {
      token,
      correlationId: sent,
      ...(payload ? { body: payload } : {}),
    });
    expect(reply.headers.get('x-correlation-id')).toBe(sent);
  });

  it.each(calls)('is generated on %s when none is sent', async (_what, method, path, body) => {
    const payload = body();
    const reply = await context.api.call(method, path, {
      token,
      correlationId: null,
      ...(payload ? { body: payload } : {}),
    });
    expect(reply.headers.get('x-correlation-id')).toMatch(CORRELATION_ID);
  });

  it('is replaced when the one sent is not acceptable, and is the problem’s instance', async () => {
    const reply = await context.api.call('GET', '/catalog/products', { correlationId: 'bad id!' });
    const id = reply.headers.get('x-correlation-id');
    expect(id).toMatch(CORRELATION_ID);
    expect(id).not.toBe('bad id!');
    expect(expectProblem(reply, 401)['instance']).toBe(id);
  });
});
