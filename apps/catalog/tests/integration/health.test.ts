import { healthHandler } from '@platform/http';
import { createCursorCodec, createDocumentClient } from '@platform/persistence';
import { httpApiEvent, lambdaContext } from '@platform/testing';
import { handler } from '../../src/handlers/health';
import { DynamoProductStore } from '../../src/store/dynamo-product-store';
import { useCatalogTable } from '../support/catalog-api';

describe('GET /catalog/health', () => {
  useCatalogTable();

  it('answers 200 {"status":"ok"} when its table answers', async () => {
    const response = await handler(httpApiEvent({ method: 'GET', path: '/catalog/health' }), lambdaContext());
    expect(response).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
  });

  it('answers 503 when its table does not answer', async () => {
    const codec = createCursorCodec('x'.repeat(32));
    const store = new DynamoProductStore(createDocumentClient(), 'catalog-missing-table', async () => codec);
    const response = await healthHandler({ check: () => store.ping() })(
      httpApiEvent({ method: 'GET', path: '/catalog/health' }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.headers?.['retry-after']).toBeDefined();
  });
});
