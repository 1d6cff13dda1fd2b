import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { PortInUseError } from '../src/errors';
import {
  MAX_BODY_BYTES,
  mountedPath,
  offlineErrorAsProblem,
  startGateway,
  unmountedUrl,
  type Gateway,
} from '../src/gateway';
import { createDevIssuer } from '@platform/auth/dev-issuer';
import { findFreePort } from '@platform/testing';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';

/** What the upstream saw of one request. */
interface Seen {
  method: string | undefined;
  url: string | undefined;
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server standing in for a service's serverless-offline: records requests, answers as told. */
async function startUpstream(): Promise<{ port: number; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method, url: req.url, rawHeaders: req.rawHeaders, headers: req.headers, body });
      if (req.url?.startsWith('/teapot')) {
        res.writeHead(418, "I'm a teapot", [
          'Content-Type',
          'text/plain',
          'X-Custom',
          'one',
          'Set-Cookie',
          'a=1',
          'Set-Cookie',
          'b=2',
        ]);
        res.end(`echo:${body}`);
        return;
      }
      if (req.url?.startsWith('/no-route')) {
        // What serverless-offline answers for a path or method no function serves.
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify({
            currentRoute: 'delete - /no-route',
            error: 'Serverless-offline: route not found.',
            existingRoutes: ['get - /health', 'put - /products/{sku}'],
            statusCode: 404,
          }),
        );
        return;
      }
      if (req.url?.startsWith('/hapi-error')) {
        res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ statusCode: 400, error: 'Bad Request', message: 'Invalid cookie value' }));
        return;
      }
      if (req.url?.startsWith('/own-json-error')) {
        res.writeHead(409, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'a service of its own' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'yes' });
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One raw HTTP exchange, so that header names, order and duplicates are visible. */
function exchange(
  port: number,
  options: { method: string; path: string; host?: string; headers?: string[]; body?: string },
): Promise<{
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.path,
        // Raw headers are sent as given: Host included, as every HTTP/1.1 client does.
        headers: [
          'Host',
          options.host ?? `127.0.0.1:${port}`,
          ...(options.body === undefined ? [] : ['Content-Length', String(Buffer.byteLength(options.body))]),
          ...(options.headers ?? []),
        ],
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusMessage: res.statusMessage ?? '',
            rawHeaders: res.rawHeaders,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('startGateway', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let gateway: Gateway;
  let downPort: number;
  const jwks = { keys: [{ kty: 'RSA', kid: 'k1', n: 'abc', e: 'AQAB' }] };

  beforeAll(async () => {
    upstream = await startUpstream();
    downPort = await findFreePort();
    gateway = await startGateway({
      port: 0,
      routes: new Map<string, number | undefined>([
        ['catalog', upstream.port],
        ['orders', undefined],
        ['inventory', downPort],
      ]),
      jwks: () => jwks,
      metrics: () => '# HELP x_total X\n# TYPE x_total counter\nx_total 1\n',
      info: () => ({ status: 'ready', services: ['catalog'] }),
    });
  });
  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('forwards method, the path without the /<service> mount, query, headers (names, order, duplicates) and body unchanged', async () => {
    upstream.seen.length = 0;
    await exchange(gateway.port, {
      method: 'PATCH',
      path: '/catalog/products/PEN-1?limit=5&cursor=a%2Bb',
      headers: [
        'Authorization',
        'Bearer abc.def.ghi',
        'Content-Type',
        'application/json',
        'X-Trace',
        'one',
        'X-Trace',
        'two',
        'If-Match',
        '"3"',
        'X-Correlation-Id',
        'corr-12345678',
      ],
      body: '{"name":"Pen"}',
    });
    const [seen] = upstream.seen;
    expect(seen?.method).toBe('PATCH');
    expect(seen?.url).toBe('/products/PEN-1?limit=5&cursor=a%2Bb');
    expect(seen?.body).toBe('{"name":"Pen"}');
    const sent = seen?.rawHeaders.filter(
      (_, i, all) => i % 2 === 0 && !['Host', 'Connection', 'Content-Length'].includes(all[i] ?? ''),
    );
    expect(sent).toEqual([
      'Authorization',
      'Content-Type',
      'X-Trace',
      'X-Trace',
      'If-Match',
      'X-Correlation-Id',
    ]);
    expect(seen?.headers['x-trace']).toBe('one, two');
    expect(seen?.headers['authorization']).toBe('Bearer abc.def.ghi');
    expect(seen?.headers['x-correlation-id']).toBe('corr-12345678');
    expect(seen?.headers['content-length']).toBe('14');
  });

  it('returns status, status text, headers (duplicates too) and body unchanged', async () => {
    const response = await exchange(gateway.port, {
      method: 'POST',
      path: '/catalog/teapot',
      headers: ['content-type', 'text/plain'],
      body: 'brew',
    });
    expect(response.status).toBe(418);
    expect(response.statusMessage).toBe("I'm a teapot");
    expect(response.body).toBe('echo:brew');
    expect(response.headers['x-custom']).toBe('one');
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    // Nothing added to the service's answer: no correlation id of the gateway's own.
    expect(response.headers['x-correlation-id']).toBeUndefined();
  });

  it('adds an x-correlation-id only when the request has none', async () => {
    upstream.seen.length = 0;
    await exchange(gateway.port, { method: 'GET', path: '/catalog/health' });
    await exchange(gateway.port, {
      method: 'GET',
      path: '/catalog/health',
      headers: ['x-correlation-id', 'mine-123456'],
    });
    await exchange(gateway.port, {
      method: 'GET',
      path: '/catalog/health',
      headers: ['x-correlation-id', 'bad id'],
    });
    const ids = upstream.seen.map((seen) => seen.headers['x-correlation-id']);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe('mine-123456');
    // An invalid one is the service's to replace: the gateway passes it on as it came.
    expect(ids[2]).toBe('bad id');
  });

  it('drops hop-by-hop headers (and those Connection lists) on the way in', async () => {
    upstream.seen.length = 0;
    await exchange(gateway.port, {
      method: 'GET',
      path: '/catalog/health',
      headers: ['Connection', 'keep-alive, X-Hop', 'Keep-Alive', 'timeout=5', 'X-Hop', 'h', 'X-End', 'e'],
    });
    const names = (upstream.seen[0]?.rawHeaders ?? [])
      .filter((_, i) => i % 2 === 0)
      .map((name) => name.toLowerCase());
    expect(names).toContain('x-end');
    expect(names).not.toContain('x-hop');
    expect(names).not.toContain('keep-alive');
  });

  it('answers an unknown prefix with a 404 problem listing the services', async () => {
    const response = await exchange(gateway.port, {
      method: 'GET',
      path: '/payments/x',
      headers: ['x-correlation-id', 'corr-abcdefgh'],
    });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['x-correlation-id']).toBe('corr-abcdefgh');
    expect(JSON.parse(response.body)).toEqual({
      type: 'https://serverless-factory.dev/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No service serves /payments. Known services: catalog, inventory, orders.',
      instance: 'corr-abcdefgh',
      services: ['catalog', 'inventory', 'orders'],
    });
  });

  it("turns serverless-offline's route-not-found answer into a 404 problem naming the service's routes", async () => {
    const response = await exchange(gateway.port, {
      method: 'DELETE',
      path: '/catalog/no-route',
      headers: ['x-correlation-id', 'corr-noroute1'],
    });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toEqual({
      type: 'https://serverless-factory.dev/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'catalog has no route DELETE /catalog/no-route.',
      instance: 'corr-noroute1',
      routes: ['GET /catalog/health', 'PUT /catalog/products/{sku}'],
    });
  });

  it("turns serverless-offline's own (hapi) error answers into problems with the same status", async () => {
    const response = await exchange(gateway.port, { method: 'GET', path: '/catalog/hapi-error' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({
      type: 'https://serverless-factory.dev/problems/bad-request',
      title: 'Bad Request',
      status: 400,
      detail: 'Invalid cookie value',
      instance: response.headers['x-correlation-id'],
    });
  });

  it('passes any other JSON error answer of a service on unchanged', async () => {
    const response = await exchange(gateway.port, { method: 'GET', path: '/catalog/own-json-error' });
    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body).toBe('{"message":"a service of its own"}');
  });

  it('answers 413 problem+json to a body declared over 10 MiB, without sending it on', async () => {
    upstream.seen.length = 0;
    const response = await exchange(gateway.port, {
      method: 'PUT',
      path: '/catalog/products/BIG-1',
      headers: ['content-type', 'application/json', 'content-length', String(MAX_BODY_BYTES + 1)],
    });
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({
      type: 'https://serverless-factory.dev/problems/payload-too-large',
      status: 413,
      detail: `The body is ${MAX_BODY_BYTES + 1} bytes; API Gateway accepts at most ${MAX_BODY_BYTES} bytes (and the services 64 KiB).`,
    });
    expect(upstream.seen).toEqual([]);
  });

  it('answers 413 problem+json to a chunked body once it passes 10 MiB, and stops sending it on', async () => {
    upstream.seen.length = 0;
    const response = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: gateway.port,
          method: 'PUT',
          path: '/catalog/products/BIG-2',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              type: String(res.headers['content-type']),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      const megabyte = Buffer.alloc(1024 * 1024, 0x20);
      let left = 11;
      const write = (): void => {
        while (left > 0) {
          left -= 1;
          if (!req.write(megabyte)) {
            req.once('drain', write);
            return;
          }
        }
        req.end();
      };
      write();
    });
    expect(response.status).toBe(413);
    expect(response.type).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({
      status: 413,
      detail: `The body is over ${MAX_BODY_BYTES} bytes; API Gateway accepts at most ${MAX_BODY_BYTES} bytes (and the services 64 KiB).`,
    });
    // The stand-in records a request only once its body has ended: this one never did.
    expect(upstream.seen).toEqual([]);
  });

  it('frames a GET body with a content-length as one request: the service sees no smuggled second one', async () => {
    upstream.seen.length = 0;
    const smuggled = 'GET /smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
    const response = await exchange(gateway.port, {
      method: 'GET',
      path: '/catalog/products/PEN-1',
      body: smuggled,
    });
    // The next request reuses the pooled connection: a smuggled request would be read before it.
    await exchange(gateway.port, { method: 'GET', path: '/catalog/health' });
    expect(response.status).toBe(200);
    expect(upstream.seen.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'GET', url: '/products/PEN-1', body: smuggled },
      { method: 'GET', url: '/health', body: '' },
    ]);
  });

  it.each(['GET', 'DELETE', 'HEAD'])(
    'frames a chunked %s body as chunked: the service sees that one request, then the next, nothing between',
    async (method) => {
      upstream.seen.length = 0;
      const smuggled = 'GET /smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: gateway.port,
            method,
            path: '/catalog/products/PEN-2',
            headers: { 'transfer-encoding': 'chunked' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.write(smuggled.slice(0, 10));
        req.end(smuggled.slice(10));
      });
      await exchange(gateway.port, { method: 'GET', path: '/catalog/health' });
      expect(status).toBe(200);
      expect(upstream.seen.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
        { method, url: '/products/PEN-2', body: smuggled },
        { method: 'GET', url: '/health', body: '' },
      ]);
      expect(upstream.seen[0]?.headers['transfer-encoding']).toBe('chunked');
    },
  );

  it.each(['/_stack', '/', '/.well-known/jwks.json', '/metrics', '/catalog/health', '/payments/x'])(
    'answers 421 problem+json to %s with Host evil.example, and sends nothing on',
    async (path) => {
      upstream.seen.length = 0;
      const response = await exchange(gateway.port, {
        method: 'GET',
        path,
        host: `evil.example:${gateway.port}`,
      });
      expect(response.status).toBe(421);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(response.body)).toMatchObject({
        type: 'https://serverless-factory.dev/problems/misdirected-request',
        title: 'Misdirected Request',
        status: 421,
        detail: `The local gateway answers only Host localhost, 127.0.0.1 or [::1] (any port), not "evil.example:${gateway.port}".`,
      });
      expect(upstream.seen).toEqual([]);
    },
  );

  it('answers 421 to a request without a Host (HTTP/1.0)', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(gateway.port, '127.0.0.1', () => socket.end('GET /_stack HTTP/1.0\r\n\r\n'));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 421 /);
  });

  it.each(['localhost', 'LOCALHOST:1', '127.0.0.1', '[::1]'])(
    'answers /_stack and routes to the service with Host %s (and the port)',
    async (name) => {
      upstream.seen.length = 0;
      const host = name.includes(':') && !name.startsWith('[') ? name : `${name}:${gateway.port}`;
      const stack = await exchange(gateway.port, { method: 'GET', path: '/_stack', host });
      const routed = await exchange(gateway.port, { method: 'GET', path: '/catalog/health', host: name });
      expect(stack.status).toBe(200);
      expect(JSON.parse(stack.body)).toEqual({ status: 'ready', services: ['catalog'] });
      expect(routed.status).toBe(200);
      expect(upstream.seen.map((seen) => seen.headers.host)).toEqual([name]);
    },
  );

  it('answers 503 with Retry-After for a service still starting', async () => {
    const response = await exchange(gateway.port, { method: 'GET', path: '/orders/health' });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(JSON.parse(response.body)).toMatchObject({ status: 503, detail: 'orders is starting.' });
  });

  it('answers 502 problem+json when the service does not answer', async () => {
    const response = await exchange(gateway.port, { method: 'GET', path: '/inventory/health' });
    expect(response.status).toBe(502);
    expect(response.headers['content-type']).toBe('application/problem+json');
    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: 'https://serverless-factory.dev/problems/bad-gateway',
      title: 'Bad Gateway',
      status: 502,
      instance: response.headers['x-correlation-id'],
    });
    expect(String(body['detail'])).toContain(
      `inventory (serverless-offline on port ${downPort}) did not answer`,
    );
  });

  it('routes a service once setRoute names its port', async () => {
    gateway.setRoute('orders', upstream.port);
    const response = await exchange(gateway.port, { method: 'GET', path: '/orders/health' });
    gateway.setRoute('orders', undefined);
    expect(response.status).toBe(200);
    expect(response.headers['x-upstream']).toBe('yes');
  });

  it("serves the dev issuer's JWKS, the metrics and the stack's description", async () => {
    const keys = await exchange(gateway.port, { method: 'GET', path: '/.well-known/jwks.json' });
    expect(keys.status).toBe(200);
    expect(keys.headers['content-type']).toBe('application/json');
    expect(JSON.parse(keys.body)).toEqual(jwks);
    expect(keys.headers['x-correlation-id']).toBeDefined();

    const metrics = await exchange(gateway.port, { method: 'GET', path: '/metrics' });
    expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(metrics.body).toContain('x_total 1');

    for (const path of ['/_stack', '/']) {
      const stack = await exchange(gateway.port, { method: 'GET', path });
      expect(JSON.parse(stack.body)).toEqual({ status: 'ready', services: ['catalog'] });
    }
  });

  it('fails with a PortInUseError naming this process when its port is taken', async () => {
    const error = await startGateway({
      port: gateway.port,
      routes: new Map(),
      jwks: () => jwks,
      metrics: () => '',
      info: () => ({}),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).owner?.pid).toBe(process.pid);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^port ${gateway.port} \\(gateway\\) is already in use by pid ${process.pid}: .*node.* — stop it, or set GATEWAY_PORT$`,
      ),
    );
  });
});

describe('startGateway with acquire (services started on demand)', () => {
  let http: Awaited<ReturnType<typeof startUpstream>>;
  let lambda: Awaited<ReturnType<typeof startUpstream>>;
  let gateway: Gateway;
  const events: string[] = [];

  beforeAll(async () => {
    http = await startUpstream();
    lambda = await startUpstream();
    gateway = await startGateway({
      port: 0,
      routes: new Map<string, number | undefined>([
        ['shop', undefined],
        ['broken', undefined],
      ]),
      jwks: () => ({ keys: [] }),
      metrics: () => '',
      info: () => ({}),
      acquire: async (service) => {
        events.push(`acquire ${service}`);
        if (service === 'broken') throw new Error('broken did not start: its build failed.');
        return { http: http.port, lambda: lambda.port, release: () => events.push(`release ${service}`) };
      },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await Promise.all([http.close(), lambda.close()]);
  });

  it('takes the port of a service without a route from acquire, and releases it once the exchange ended', async () => {
    events.length = 0;
    const answer = await exchange(gateway.port, { method: 'GET', path: '/shop/health?x=1' });
    expect(answer.status).toBe(200);
    expect(http.seen.at(-1)?.url).toBe('/health?x=1');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['acquire shop', 'release shop']);
  });

  it('answers 503 problem+json with the reason when the service cannot be started', async () => {
    const answer = await exchange(gateway.port, { method: 'GET', path: '/broken/health' });
    expect({
      status: answer.status,
      retryAfter: answer.headers['retry-after'],
      body: JSON.parse(answer.body),
    }).toEqual({
      status: 503,
      retryAfter: '1',
      body: expect.objectContaining({ status: 503, detail: 'broken did not start: its build failed.' }),
    });
  });

  it('sends a Lambda invoke under /_lambda/<service> to its Lambda port without the mount, its answer unchanged', async () => {
    const answer = await exchange(gateway.port, {
      method: 'POST',
      path: '/_lambda/shop/2015-03-31/functions/shop-local-health/invocations',
      body: '{"a":1}',
      headers: ['Content-Type', 'application/json'],
    });
    expect(answer.status).toBe(200);
    expect(lambda.seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/2015-03-31/functions/shop-local-health/invocations',
      body: '{"a":1}',
    });
    expect(lambda.seen.at(-1)?.headers['x-correlation-id']).toBeUndefined();
    const unknown = await exchange(gateway.port, {
      method: 'POST',
      path: '/_lambda/payments/2015-03-31/functions/x/invocations',
    });
    expect(unknown.status).toBe(404);
  });
});

describe('startGateway with a concurrency limit', () => {
  let inFlight = 0;
  let most = 0;
  let upstream: Server;
  let gateway: Gateway;
  const failures: string[] = [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(200, { 'content-type': 'text/plain' }).end(req.url);
      }, 150);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    gateway = await startGateway({
      port: 0,
      routes: new Map<string, number | undefined>([
        ['slow', (upstream.address() as AddressInfo).port],
        ['gone', await findFreePort()],
      ]),
      jwks: () => ({ keys: [] }),
      metrics: () => '',
      info: () => ({}),
      concurrency: 2,
      onUpstreamError: ({ service, method, path, error }) =>
        failures.push(`${service} ${method} ${path}: ${error.message}`),
    });
  });
  afterAll(async () => {
    await gateway.close();
    await new Promise<void>((resolve) => {
      upstream.closeAllConnections();
      upstream.close(() => resolve());
    });
  });

  it('lets at most that many requests reach a service at once; the others wait and are answered', async () => {
    most = 0;
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => exchange(gateway.port, { method: 'GET', path: `/slow/${i}` })),
    );
    expect(replies.map((reply) => [reply.status, reply.body])).toEqual(
      Array.from({ length: 6 }, (_, i) => [200, `/${i}`]),
    );
    expect(most).toBe(2);
  });

  it('gives a place back when a waiting client goes away', async () => {
    most = 0;
    const aborted = new AbortController();
    const first = Promise.all(
      [1, 2].map((i) => exchange(gateway.port, { method: 'GET', path: `/slow/a${i}` })),
    );
    const leaving = fetch(`${gateway.url}/slow/leaving`, { signal: aborted.signal }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 30));
    aborted.abort();
    expect(await leaving).toBe('aborted');
    await first;
    const after = await Promise.all(
      [1, 2].map((i) => exchange(gateway.port, { method: 'GET', path: `/slow/b${i}` })),
    );
    expect(after.map((reply) => reply.status)).toEqual([200, 200]);
    expect(most).toBe(2);
  });

  it('reports a service that does not answer', async () => {
    const reply = await exchange(gateway.port, { method: 'DELETE', path: '/gone/x?y=1' });
    expect(reply.status).toBe(502);
    expect(failures).toEqual([expect.stringMatching(/^gone DELETE \/gone\/x: .*ECONNREFUSED/)]);
  });
});

describe('startGateway with the dev issuer: its token endpoint', () => {
  let gateway: Gateway;
  const issuer = createDevIssuer();

  beforeAll(async () => {
    const dev = await issuer;
    gateway = await startGateway({
      port: 0,
      routes: new Map(),
      jwks: () => dev.jwks(),
      mintToken: (principal) => dev.mint(principal),
      metrics: () => '',
      info: () => ({}),
    });
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('mints a dev issuer token for the principal posted, which verifies against the served JWKS', async () => {
    const response = await fetch(`${gateway.url}/_dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'c-1', tenant: 't-1', scope: 'orders:read' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const jwks = createLocalJWKSet(
      (await (await fetch(`${gateway.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet,
    );
    const { payload } = await jwtVerify(body.access_token, jwks);
    expect(payload).toMatchObject({ sub: 'c-1', tenant_id: 't-1', scope: 'orders:read' });
  });

  it('answers 400 problem+json to a body without sub and tenant, and 405 to anything but POST', async () => {
    const bad = await fetch(`${gateway.url}/_dev/token`, { method: 'POST', body: '{"sub":"c-1"}' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(((await bad.json()) as { detail: string }).detail).toContain('sub and tenant required');
    const notJson = await fetch(`${gateway.url}/_dev/token`, { method: 'POST', body: 'nope' });
    expect(notJson.status).toBe(400);
    const get = await fetch(`${gateway.url}/_dev/token`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('answers 500 problem+json when the issuer fails', async () => {
    const failing = await startGateway({
      port: 0,
      routes: new Map(),
      jwks: () => ({ keys: [] }),
      mintToken: () => Promise.reject(new Error('no key')),
      metrics: () => '',
      info: () => ({}),
    });
    try {
      const response = await fetch(`${failing.url}/_dev/token`, {
        method: 'POST',
        body: JSON.stringify({ sub: 'c-1', tenant: 't-1' }),
      });
      expect(response.status).toBe(500);
      expect(((await response.json()) as { detail: string }).detail).toBe(
        'the dev issuer failed: Error: no key',
      );
    } finally {
      await failing.close();
    }
  });
});

describe('mountedPath and unmountedUrl', () => {
  it('put a service path under /<service> and take it off again, the root included', () => {
    expect(mountedPath('orders', '/')).toBe('/orders');
    expect(mountedPath('orders', '/{orderId}/cancel')).toBe('/orders/{orderId}/cancel');
    expect(unmountedUrl('orders', '/orders')).toBe('/');
    expect(unmountedUrl('orders', '/orders?limit=5')).toBe('/?limit=5');
    expect(unmountedUrl('orders', '/orders/')).toBe('/');
    expect(unmountedUrl('catalog', '/catalog/products/PEN-1?x=1')).toBe('/products/PEN-1?x=1');
  });
});

describe('offlineErrorAsProblem', () => {
  it('reads nothing into an answer that is not one of serverless-offline', () => {
    expect(offlineErrorAsProblem('catalog', 404, 'not json')).toBeUndefined();
    expect(offlineErrorAsProblem('catalog', 404, 'null')).toBeUndefined();
    expect(offlineErrorAsProblem('catalog', 404, '{"error":"other"}')).toBeUndefined();
    // hapi's shape only when its statusCode is the answer's status
    expect(
      offlineErrorAsProblem('catalog', 400, '{"statusCode":500,"error":"x","message":"y"}'),
    ).toBeUndefined();
  });

  it("keeps hapi's title and a slug of it for a status the platform has no title for", () => {
    expect(
      offlineErrorAsProblem('catalog', 414, '{"statusCode":414,"error":"URI Too Long","message":"too long"}'),
    ).toEqual({ slug: 'uri-too-long', title: 'URI Too Long', detail: 'too long' });
  });
});
