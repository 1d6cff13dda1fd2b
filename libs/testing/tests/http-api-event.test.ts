import { httpApiEvent } from '../src';

describe('httpApiEvent', () => {
  it('builds a payload format 2.0 event with a full request context', () => {
    const before = Date.now();
    const event = httpApiEvent({ method: 'get', path: '/catalog/health' });
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'GET /catalog/health',
      rawPath: '/catalog/health',
      rawQueryString: '',
      headers: {},
      isBase64Encoded: false,
      requestContext: {
        accountId: '123456789012',
        apiId: 'local',
        domainName: 'localhost',
        domainPrefix: 'localhost',
        http: {
          method: 'GET',
          path: '/catalog/health',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: '',
        },
        requestId: expect.stringMatching(/^[\w-]{16}$/),
        routeKey: 'GET /catalog/health',
        stage: '$default',
        time: expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
        timeEpoch: expect.any(Number),
      },
    });
    expect(event.requestContext.timeEpoch).toBeGreaterThanOrEqual(before);
    expect(event).not.toHaveProperty('body');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
  });

  it('gives each event its own request id unless one is given', () => {
    const a = httpApiEvent({ method: 'GET', path: '/' });
    const b = httpApiEvent({ method: 'GET', path: '/' });
    expect(a.requestContext.requestId).not.toBe(b.requestContext.requestId);
    expect(httpApiEvent({ method: 'GET', path: '/', requestId: 'req-1' }).requestContext.requestId).toBe(
      'req-1',
    );
  });

  it('keeps the route key and path parameters of the matched route', () => {
    const event = httpApiEvent({
      method: 'PUT',
      path: '/catalog/products/SKU-1',
      routeKey: 'PUT /catalog/products/{sku}',
      pathParameters: { sku: 'SKU-1' },
    });
    expect(event.routeKey).toBe('PUT /catalog/products/{sku}');
    expect(event.requestContext.routeKey).toBe('PUT /catalog/products/{sku}');
    expect(event.pathParameters).toEqual({ sku: 'SKU-1' });
  });

  it('JSON-stringifies an object body and says it is JSON', () => {
    const event = httpApiEvent({ method: 'POST', path: '/orders', body: { lines: [{ sku: 'A', qty: 1 }] } });
    expect(event.body).toBe('{"lines":[{"sku":"A","qty":1}]}');
    expect(event.headers['content-type']).toBe('application/json');
  });

  it('keeps a string body and a given content type as they are', () => {
    const event = httpApiEvent({
      method: 'POST',
      path: '/orders',
      headers: { 'Content-Type': 'text/plain' },
      body: 'not json',
    });
    expect(event.body).toBe('not json');
    expect(event.headers).toEqual({ 'content-type': 'text/plain' });
  });

  it('base64-encodes an object body when asked to', () => {
    const event = httpApiEvent({ method: 'POST', path: '/x', body: { a: 1 }, isBase64Encoded: true });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64').toString()).toBe('{"a":1}');
  });

  it('turns a token into a Bearer authorization header', () => {
    const event = httpApiEvent({ method: 'GET', path: '/orders', token: 'abc.def.ghi' });
    expect(event.headers['authorization']).toBe('Bearer abc.def.ghi');
  });

  it('lower-cases header names and joins repeated ones', () => {
    const event = httpApiEvent({
      method: 'GET',
      path: '/',
      headers: { 'X-Correlation-Id': 'corr-12345', Accept: 'a', accept: 'b', 'User-Agent': 'jest-test' },
    });
    expect(event.headers).toEqual({
      'x-correlation-id': 'corr-12345',
      accept: 'a,b',
      'user-agent': 'jest-test',
    });
    expect(event.requestContext.http.userAgent).toBe('jest-test');
  });

  it('moves cookies out of the headers, as API Gateway does', () => {
    const event = httpApiEvent({ method: 'GET', path: '/', headers: { Cookie: 'a=1; b=2' } });
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.headers).not.toHaveProperty('cookie');
  });

  it('builds rawQueryString from query, encoded, with decoded parameters', () => {
    const event = httpApiEvent({
      method: 'GET',
      path: '/catalog/products',
      query: { limit: '10', cursor: 'a b/c' },
    });
    expect(event.rawQueryString).toBe('limit=10&cursor=a%20b%2Fc');
    expect(event.queryStringParameters).toEqual({ limit: '10', cursor: 'a b/c' });
  });

  it('reads a query string written into the path', () => {
    const event = httpApiEvent({
      method: 'GET',
      path: '/catalog/products?limit=5&cursor=x',
      query: { limit: '7' },
    });
    expect(event.rawPath).toBe('/catalog/products');
    expect(event.routeKey).toBe('GET /catalog/products');
    expect(event.queryStringParameters).toEqual({ limit: '7', cursor: 'x' });
    expect(event.rawQueryString).toBe('limit=7&cursor=x');
  });
});
