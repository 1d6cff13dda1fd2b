import { ServiceContract, type ContractReply } from '../src/openapi-contract';

const PRODUCT = {
  sku: 'PEN-1',
  name: 'Fountain pen',
  priceCents: 2500,
  currency: 'EUR',
  version: 3,
  updatedAt: '2026-01-02T03:04:05.000Z',
};
const CORRELATION_ID = 'e2e-0123456789';

function reply(status: number, body: unknown, headers: Record<string, string>): ContractReply {
  return {
    status,
    headers: new Headers({ 'x-correlation-id': CORRELATION_ID, ...headers }),
    body,
    text: body === undefined ? '' : JSON.stringify(body),
  };
}

const problem = (status: number): Record<string, unknown> => ({
  type: 'https://errors.serverless-factory.dev/not-found',
  title: 'Not Found',
  status,
  detail: 'No product PEN-1.',
  instance: CORRELATION_ID,
});

describe('ServiceContract (catalog’s openapi.yaml through openapi-backend)', () => {
  let contract: ServiceContract;
  beforeAll(async () => {
    contract = await ServiceContract.load('catalog');
  });

  it('accepts a documented reply: status, headers, content type and body', () => {
    const check = contract.check(
      'GET',
      '/catalog/products/PEN-1',
      reply(200, PRODUCT, { 'content-type': 'application/json', etag: '"3"' }),
    );
    expect(check).toEqual({ operationId: 'getCatalogProductsBySku', violations: [] });
  });

  it('accepts a problem+json reply against the Problem schema, extension members included', () => {
    const body = { ...problem(404), sku: 'PEN-1' };
    const check = contract.check(
      'GET',
      '/catalog/products/PEN-1',
      reply(404, body, { 'content-type': 'application/problem+json' }),
    );
    expect(check.violations).toEqual([]);
  });

  it('reports a status the operation does not document', () => {
    const check = contract.check(
      'GET',
      '/catalog/products/PEN-1',
      reply(409, problem(409), { 'content-type': 'application/problem+json' }),
    );
    expect(check.violations).toEqual(['getCatalogProductsBySku 409: status not documented']);
  });

  it('reports a documented header that is missing or malformed', () => {
    const missing = contract.check(
      'GET',
      '/catalog/products/PEN-1',
      reply(200, PRODUCT, { 'content-type': 'application/json' }),
    );
    expect(missing.violations).toEqual([
      expect.stringMatching(/^getCatalogProductsBySku 200: header .*etag/),
    ]);
    const malformed = contract.check(
      'GET',
      '/catalog/products/PEN-1',
      reply(200, PRODUCT, { 'content-type': 'application/json', etag: 'W/"3"' }),
    );
    expect(malformed.violations).toEqual([expect.stringMatching(/header\/etag must match pattern/)]);
  });

  it('reports a body that departs from its schema, and an undocumented content type', () => {
    const body = contract.check(
      'GET',
      '/catalog/products/PEN-1',
      reply(200, { ...PRODUCT, version: 0 }, { 'content-type': 'application/json', etag: '"3"' }),
    );
    expect(body.violations).toEqual([expect.stringMatching(/body\/version must be >= 1/)]);
    const problemBody = contract.check(
      'GET',
      '/catalog/products/PEN-1',
      reply(404, { title: 'Not Found' }, { 'content-type': 'application/problem+json' }),
    );
    expect(problemBody.violations).toEqual([expect.stringMatching(/must have required property 'type'/)]);
    const contentType = contract.check(
      'GET',
      '/catalog/products/PEN-1',
      reply(404, problem(404), { 'content-type': 'application/json' }),
    );
    expect(contentType.violations).toEqual([
      'getCatalogProductsBySku 404: content-type "application/json", documented: application/problem+json',
    ]);
  });

  it('reports a body on a response documented without one, and a request no operation matches', () => {
    const deleted = contract.check('DELETE', '/catalog/products/PEN-1', reply(204, {}, {}));
    expect(deleted.violations).toEqual([expect.stringMatching(/^deleteCatalogProductsBySku 204: a body/)]);
    expect(contract.check('PATCH', '/catalog/products/PEN-1', reply(200, PRODUCT, {})).violations).toEqual([
      'PATCH /catalog/products/PEN-1 is no documented operation',
    ]);
  });

  it('lists every documented status code of every operation, not the 5XX range of faults', () => {
    const statuses = contract.documentedStatuses();
    expect(statuses).toContainEqual({
      operationId: 'deleteCatalogProductsBySku',
      route: 'DELETE /catalog/products/{sku}',
      status: '412',
    });
    expect(
      statuses.filter(({ route }) => route === 'GET /catalog/health').map(({ status }) => status),
    ).toEqual(['200']);
    expect(statuses.every(({ status }) => /^\d{3}$/.test(status))).toBe(true);
  });
});
