import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayUnreachableError, LocalStackError, UnknownServiceError } from '../src/errors';
import { fillEventTemplate, invokeLocalFunction, lambdaEndpointOf } from '../src/local-invoke';

interface Received {
  method: string | undefined;
  url: string | undefined;
  body: string;
}

/** A stand-in for the running stack: the gateway's /_stack and serverless-offline's Invoke API, on one port. */
async function fakeStack(
  answer: (request: Received) => { status: number; body: string; headers?: Record<string, string> },
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const seen = { method: request.method, url: request.url, body };
      received.push(seen);
      const reply = answer(seen);
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('lambdaEndpointOf', () => {
  const stackDocument = JSON.stringify({
    services: [
      { name: 'catalog', lambdaEndpoint: 'http://127.0.0.1:4001' },
      { name: 'inventory', lambdaEndpoint: 'http://127.0.0.1:4002' },
    ],
  });

  it("reads the service's Lambda endpoint from the gateway's /_stack", async () => {
    const stack = await fakeStack(() => ({ status: 200, body: stackDocument }));
    servers.push(stack.server);
    await expect(lambdaEndpointOf(stack.url, 'inventory')).resolves.toBe('http://127.0.0.1:4002');
    expect(stack.received.map((request) => `${request.method} ${request.url}`)).toEqual(['GET /_stack']);
  });

  it('names the running services when the stack does not run the one asked for', async () => {
    const stack = await fakeStack(() => ({ status: 200, body: stackDocument }));
    servers.push(stack.server);
    const failure = lambdaEndpointOf(stack.url, 'orders');
    await expect(failure).rejects.toThrow(UnknownServiceError);
    await expect(failure).rejects.toThrow('unknown service: orders. Known services: catalog, inventory.');
  });

  it('says to start the stack when no gateway answers', async () => {
    const stack = await fakeStack(() => ({ status: 200, body: stackDocument }));
    await new Promise((resolve) => stack.server.close(resolve));
    const failure = lambdaEndpointOf(stack.url, 'catalog');
    await expect(failure).rejects.toThrow(GatewayUnreachableError);
    await expect(failure).rejects.toThrow(/no local stack answers at .*: start it with make dev/);
  });
});

describe('invokeLocalFunction', () => {
  it('posts the event to <service>-local-<function> of the Lambda Invoke API and parses the answer', async () => {
    const stack = await fakeStack(() => ({ status: 200, body: '{"status":"RESERVED"}' }));
    servers.push(stack.server);
    const result = await invokeLocalFunction({
      lambdaEndpoint: stack.url,
      service: 'inventory',
      functionName: 'reserve',
      event: { orderId: 'A' },
    });
    expect(result).toEqual({ payload: { status: 'RESERVED' }, functionError: undefined });
    expect(stack.received).toEqual([
      {
        method: 'POST',
        url: '/2015-03-31/functions/inventory-local-reserve/invocations',
        body: '{"orderId":"A"}',
      },
    ]);
  });

  it("reports the function's error type when the function threw", async () => {
    const stack = await fakeStack(() => ({
      status: 200,
      body: '{"errorMessage":"malformed token"}',
      headers: { 'x-amz-function-error': 'Unhandled' },
    }));
    servers.push(stack.server);
    const result = await invokeLocalFunction({
      lambdaEndpoint: stack.url,
      service: 'inventory',
      functionName: 'release',
      event: {},
    });
    expect(result).toEqual({ payload: { errorMessage: 'malformed token' }, functionError: 'Unhandled' });
  });

  it('says the service has no such function when the endpoint answers 404', async () => {
    const stack = await fakeStack(() => ({ status: 404, body: '' }));
    servers.push(stack.server);
    const failure = invokeLocalFunction({
      lambdaEndpoint: stack.url,
      service: 'catalog',
      functionName: 'nope',
      event: {},
    });
    await expect(failure).rejects.toThrow(LocalStackError);
    await expect(failure).rejects.toThrow('catalog has no function nope (make info lists them)');
  });
});

describe('fillEventTemplate', () => {
  it('puts the token into strings and turns {{nowMs}} and {{nowMs+N}} into numbers', () => {
    expect(
      fillEventTemplate(
        {
          headers: { authorization: 'Bearer {{token}}' },
          attempt: '{{nowMs}}',
          holdUntil: '{{nowMs+60000}}',
          lines: [{ qty: 1 }],
        },
        { token: 'jwt', nowMs: 1000 },
      ),
    ).toEqual({
      headers: { authorization: 'Bearer jwt' },
      attempt: 1000,
      holdUntil: 61000,
      lines: [{ qty: 1 }],
    });
  });

  it('leaves a string that only mentions {{nowMs}} as it is', () => {
    expect(fillEventTemplate('at {{nowMs}}', { token: 'jwt', nowMs: 1000 })).toBe('at {{nowMs}}');
  });
});
