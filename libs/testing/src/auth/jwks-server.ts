import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestingError } from '../errors';

/** The path the JWKS is served at. */
const JWKS_PATH = '/.well-known/jwks.json';

/**
 * A JWKS served over real HTTP by {@link serveJwks}.
 *
 * @example
 * import { createDevIssuer } from '@platform/auth/dev-issuer';
 *
 * const issuer = await createDevIssuer();
 * const server: JwksServer = await serveJwks(issuer.jwks());
 * process.env['AUTH_JWKS_URL'] = server.url;
 */
export interface JwksServer {
  /** The JWKS URL: `http://127.0.0.1:<port>/.well-known/jwks.json` (use it as `AUTH_JWKS_URL`). */
  readonly url: string;
  /** How many times the JWKS has been fetched. */
  requestCount(): number;
  /** Closes the server and its open connections. */
  close(): Promise<void>;
}

/** Options of {@link serveJwks}. */
export interface ServeJwksOptions {
  /** TCP port on 127.0.0.1 (default: one the OS picks). */
  port?: number;
}

/**
 * Serves a JWKS document on 127.0.0.1 with a real `node:http` server, at
 * `/.well-known/jwks.json`. Pass a function to change the keys while it runs (key rotation).
 *
 * @example
 * import { createJwtVerifier } from '@platform/auth';
 * import { createDevIssuer } from '@platform/auth/dev-issuer';
 *
 * const issuer = await createDevIssuer();
 * const jwks = await serveJwks(() => issuer.jwks());
 * const verifier = createJwtVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwksUrl: jwks.url });
 * await verifier.verify(await issuer.mint({ sub: 'c-1', tenant: 't-1' }));
 * expect(jwks.requestCount()).toBe(1);
 * await jwks.close();
 */
export async function serveJwks(
  jwks: { keys: unknown[] } | (() => { keys: unknown[] }),
  options: ServeJwksOptions = {},
): Promise<JwksServer> {
  let count = 0;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== JWKS_PATH) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    count += 1;
    const document = JSON.stringify(typeof jwks === 'function' ? jwks() : jwks);
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : document);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(
        new TestingError(`Cannot serve the JWKS on 127.0.0.1:${options.port ?? 0}: ${cause.message}`, {
          cause,
        }),
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${JWKS_PATH}`,
    requestCount: () => count,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
