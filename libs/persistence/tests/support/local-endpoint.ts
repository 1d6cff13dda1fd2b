import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';

/** The serverless.yml whose table every integration test copies into DynamoDB Local. */
export const serviceTableYml = join(__dirname, '..', 'fixtures', 'service-table.serverless.yml');

/** One request the endpoint received. */
export interface ReceivedRequest {
  target: string | undefined;
  authorization: string | undefined;
  body: string;
}

/** A real HTTP server on 127.0.0.1 standing in for an AWS endpoint. */
export interface LocalEndpoint {
  url: string;
  requests: ReceivedRequest[];
  /** TCP connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

/** What to answer: status and JSON body, or `'hang'` to never answer. */
export type Answer = { status: number; body: unknown } | 'hang';

/**
 * Starts an HTTP server on 127.0.0.1 that answers every request with `answer(request)`, in the
 * JSON shape AWS JSON-protocol services use.
 */
export async function startLocalEndpoint(
  answer: (request: ReceivedRequest) => Answer,
): Promise<LocalEndpoint> {
  const sockets = new Set<Socket>();
  const endpoint = { requests: [] as ReceivedRequest[], connections: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      const received = {
        target: typeof target === 'string' ? target : undefined,
        authorization: req.headers.authorization,
        body: Buffer.concat(chunks).toString(),
      };
      endpoint.requests.push(received);
      const reply = answer(received);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(reply.body));
    });
  });
  server.on('connection', (socket: Socket) => {
    endpoint.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(endpoint, {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** A port on 127.0.0.1 that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
