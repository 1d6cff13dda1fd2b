// A real JWKS endpoint on 127.0.0.1 for this library's own tests. (@platform/testing has the
// shared one, `serveJwks`, but it depends on this library: importing it here would be a cycle.)
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JwksHttpServer {
  /** Base URL, ending in `/`. */
  readonly baseUrl: string;
  /** `${baseUrl}.well-known/jwks.json` */
  readonly jwksUrl: string;
  requestCount(): number;
  close(): Promise<void>;
}

export interface JwksHttpServerOptions {
  /** Status to answer with instead of 200. */
  status?: number;
  /** Wait this long before answering. */
  delayMs?: number;
}

export async function startJwksHttpServer(
  jwks: () => { keys: unknown[] },
  options: JwksHttpServerOptions = {},
): Promise<JwksHttpServer> {
  let count = 0;
  const server: Server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    count += 1;
    const answer = (): void => {
      if (response.destroyed) return;
      response.writeHead(options.status ?? 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(jwks()));
    };
    if (options.delayMs) setTimeout(answer, options.delayMs).unref();
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/`;
  return {
    baseUrl,
    jwksUrl: `${baseUrl}.well-known/jwks.json`,
    requestCount: () => count,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
