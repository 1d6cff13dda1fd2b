import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** Where the gateway sends `/<service>/…`. */
export interface GatewayRoute {
  service: string;
  port: number;
}

/** Options of {@link startGateway}. */
export interface GatewayOptions {
  port: number;
  host?: string;
  routes: GatewayRoute[];
}

const CORRELATION_ID = /^[A-Za-z0-9._-]{8,128}$/;

function problem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  instance: string,
  extra = {},
) {
  res.writeHead(status, { 'content-type': 'application/problem+json', 'x-correlation-id': instance });
  res.end(JSON.stringify({ type: `about:blank`, title, status, detail, instance, ...extra }));
}

/**
 * The local gateway: one port in front of every service. `/<service>/…` goes to that service's
 * serverless-offline with method, headers, body and status unchanged; the only thing added is an
 * `x-correlation-id` when the request has none (or an invalid one).
 */
export function startGateway(options: GatewayOptions): Promise<Server> {
  const routes = new Map(options.routes.map((route) => [route.service, route]));

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const supplied = req.headers['x-correlation-id'];
    const correlationId =
      typeof supplied === 'string' && CORRELATION_ID.test(supplied) ? supplied : randomUUID();
    const url = req.url ?? '/';
    const prefix = url.split('?')[0]?.split('/')[1] ?? '';
    const route = routes.get(prefix);
    if (!route) {
      problem(
        res,
        404,
        'Not Found',
        `No service serves /${prefix}. Known services: ${[...routes.keys()].join(', ')}.`,
        correlationId,
        {
          services: [...routes.keys()],
        },
      );
      return;
    }
    const upstream = request(
      {
        host: '127.0.0.1',
        port: route.port,
        method: req.method,
        path: url,
        headers: { ...req.headers, 'x-correlation-id': correlationId },
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.rawHeaders);
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      problem(
        res,
        502,
        'Bad Gateway',
        `Service ${route.service} on port ${route.port} did not answer: ${error.message}`,
        correlationId,
      );
    });
    req.pipe(upstream);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
