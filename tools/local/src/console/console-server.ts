import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fillEventTemplate, invokeLocalFunction, INVOKE_SCOPES } from '../local-invoke';
import type { StackInfo } from '../local-stack';
import { readServiceManifest, type ServiceManifest } from '../service-manifest';
import { CONSOLE_SCRIPT, CONSOLE_STYLE } from './console-client';
import type { MetricHistory } from './metric-history';
import type { RequestLog } from './request-log';
import { buildRequestTrace, type RequestTrace } from './request-trace';
import type { ServiceLogStore } from './service-log-store';

/** Where the console is served on the gateway. */
export const CONSOLE_PATH = '/_console';

/** What the console reads and does: the stack's records and its services. */
export interface ConsoleOptions {
  /** The stack's description (`/_stack`): services, their status and ports. */
  info: () => Pick<StackInfo, 'services'>;
  /** Each service's folder (its serverless.yml and openapi.yaml). */
  services: ReadonlyArray<{ name: string; dir: string }>;
  /** The event templates folder (tools/local/events). */
  eventsDir: string;
  requests: RequestLog;
  logs: ServiceLogStore;
  metrics: MetricHistory;
  /** Mints a dev token (the dev issuer). */
  mintToken: (principal: { sub: string; tenant: string; scope?: string }) => Promise<string>;
  /** How a function is invoked (default {@link invokeLocalFunction}). */
  invoke?: typeof invokeLocalFunction;
}

/** Answers one request under {@link CONSOLE_PATH}. */
export type ConsoleHandler = (req: IncomingMessage, res: ServerResponse, path: string) => void;

/** Files of kept packages the console serves: uPlot for the charts, Swagger UI for the API reference. */
const VENDOR_ASSETS: Readonly<Record<string, { module: string; type: string }>> = {
  'uPlot.iife.min.js': { module: 'uplot/dist/uPlot.iife.min.js', type: 'text/javascript' },
  'uPlot.min.css': { module: 'uplot/dist/uPlot.min.css', type: 'text/css' },
  'swagger-ui-bundle.js': { module: 'swagger-ui-dist/swagger-ui-bundle.js', type: 'text/javascript' },
  'swagger-ui.css': { module: 'swagger-ui-dist/swagger-ui.css', type: 'text/css' },
};

const OWN_ASSETS: Readonly<Record<string, { body: string; type: string }>> = {
  'console.js': { body: CONSOLE_SCRIPT, type: 'text/javascript' },
  'console.css': { body: CONSOLE_STYLE, type: 'text/css' },
};

/** HTML-escapes a text for an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const html = escapeHtml;

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body));
}

function layout(
  title: string,
  services: readonly string[],
  body: string,
  options: { page?: string; data?: Record<string, string>; head?: string; scripts?: string[] } = {},
): string {
  const data = Object.entries({ page: options.page ?? 'static', ...options.data })
    .map(([name, value]) => ` data-${name}="${html(value)}"`)
    .join('');
  const links = [
    ['', 'Services'],
    ['/requests', 'Requests'],
    ...services.map((name) => [`/logs/${name}`, `Logs: ${name}`]),
    ['/metrics', 'Metrics'],
    ...services.map((name) => [`/openapi/${name}`, `API: ${name}`]),
    ['/invoke', 'Invoke'],
    ['/token', 'Token'],
  ]
    .map(([href = '', label = '']) => `<a href="${CONSOLE_PATH}${href}">${html(label)}</a>`)
    .join('');
  const scripts = [...(options.scripts ?? []), 'console.js']
    .map((name) => `<script src="${CONSOLE_PATH}/assets/${name}" defer></script>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(title)} · local console</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="${CONSOLE_PATH}/assets/console.css">${options.head ?? ''}${scripts}</head>
<body${data}><nav>${links}</nav><main><h1>${html(title)}</h1>
${body}</main></body></html>`;
}

async function healthOf(direct: string): Promise<string> {
  if (direct === '') return 'starting';
  try {
    const response = await fetch(`${direct}/health`, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.ok ? 'ok' : `HTTP ${response.status}`;
  } catch {
    return 'down';
  }
}

function readTemplates(eventsDir: string): Array<{ name: string; event: unknown }> {
  let names: string[];
  try {
    names = readdirSync(eventsDir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names.sort().flatMap((name) => {
    try {
      return [{ name, event: JSON.parse(readFileSync(join(eventsDir, name), 'utf8')) as unknown }];
    } catch {
      return [];
    }
  });
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () =>
      size > limit
        ? reject(new Error(`the body is over ${limit} bytes`))
        : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

function traceHtml(trace: RequestTrace): string {
  if (trace.hops.length === 0) {
    return `<p>Nothing recorded for correlation id <code>${html(trace.correlationId)}</code> (the console keeps the last 1000 requests).</p>`;
  }
  const total = Math.max(1, ...trace.hops.map((hop) => hop.offsetMs + hop.durationMs));
  const hops = trace.hops
    .map((hop) => {
      const left = (hop.offsetMs / total) * 100;
      const width = Math.max(0.5, (hop.durationMs / total) * 100);
      const what =
        hop.via === 'gateway'
          ? `gateway → ${html(hop.service)}: ${html(hop.method ?? '')} ${html(hop.path ?? '')} → ${hop.status ?? ''}`
          : `${html(hop.service)} (invoked directly, seen in its logs)`;
      const lines = hop.lines
        .map((line) => `${new Date(line.time).toISOString().slice(11, 23)} ${line.line}`)
        .join('\n');
      return `<section class="hop ${hop.via}" data-service="${html(hop.service)}">
<h2>${html(hop.service)}</h2><p>${what} · +${hop.offsetMs} ms, ${hop.durationMs} ms</p>
<div class="bar"><span style="left:${left.toFixed(2)}%;width:${width.toFixed(2)}%"></span></div>
<pre class="log">${html(lines || '(no log line of this hop)')}</pre></section>`;
    })
    .join('\n');
  return `<p>Correlation id <code>${html(trace.correlationId)}</code> started ${new Date(trace.startedAt).toISOString()} · services: <strong id="trace-services">${html(trace.services.join(' → '))}</strong></p>
${hops}`;
}

/**
 * The local console under `/_console` on the gateway: server-rendered pages (services with health,
 * routes and owner; the live request list; one request's trace across services; a service's last
 * log lines; metrics charts; each service's OpenAPI in Swagger UI; an invoke form; a token
 * minter), their JSON endpoints under `/_console/api/`, and their scripts and styles, uPlot's and
 * Swagger UI's from node_modules (nothing from a CDN).
 *
 * @example
 * declare const options: ConsoleOptions; // the stack's info, services, records and dev issuer
 * const handle = createConsole(options);
 * // startGateway({ …, console: handle }) serves it under /_console
 */
export function createConsole(options: ConsoleOptions): ConsoleHandler {
  const names = options.services.map((service) => service.name);
  const dirOf = new Map(options.services.map((service) => [service.name, service.dir]));
  const manifests = new Map<string, ServiceManifest | undefined>();
  const manifestOf = (name: string): ServiceManifest | undefined => {
    if (!manifests.has(name)) {
      const dir = dirOf.get(name);
      let manifest: ServiceManifest | undefined;
      try {
        manifest = dir === undefined ? undefined : readServiceManifest(dir);
      } catch {
        manifest = undefined;
      }
      manifests.set(name, manifest);
    }
    return manifests.get(name);
  };
  const invoke = options.invoke ?? invokeLocalFunction;

  const servicesView = async (): Promise<
    Array<{
      name: string;
      status: string;
      health: string;
      owner: string;
      routes: Array<{ name: string; triggers: string[] }>;
    }>
  > => {
    const running = new Map(options.info().services.map((service) => [service.name, service]));
    return Promise.all(
      names.map(async (name) => {
        const state = running.get(name);
        const manifest = manifestOf(name);
        return {
          name,
          status: state?.status ?? 'starting',
          health: await healthOf(state?.status === 'ready' ? state.direct : ''),
          owner: manifest?.owner ?? '(none)',
          routes: (manifest?.functions ?? []).map((fn) => ({ name: fn.name, triggers: fn.triggers })),
        };
      }),
    );
  };

  const invokeFunction = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST' || !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      req.resume();
      sendJson(res, 415, {
        error: 'POST a JSON body {"service","function","event"} (content-type application/json)',
      });
      return;
    }
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(await readBody(req, 1024 * 1024)) as Record<string, unknown>;
    } catch (error) {
      sendJson(res, 400, { error: `not a JSON body: ${(error as Error).message}` });
      return;
    }
    const service = typeof request['service'] === 'string' ? request['service'] : '';
    const functionName = typeof request['function'] === 'string' ? request['function'] : '';
    const entry = options.info().services.find((candidate) => candidate.name === service);
    if (!entry || functionName === '') {
      sendJson(res, 400, { error: `give a service of the stack (${names.join(', ')}) and a function` });
      return;
    }
    const tenant =
      typeof request['tenant'] === 'string' && request['tenant'] !== '' ? request['tenant'] : 'demo';
    try {
      const token = await options.mintToken({ sub: 'console', tenant, scope: INVOKE_SCOPES });
      const event = fillEventTemplate(request['event'] ?? {}, { token, nowMs: Date.now() });
      const result = await invoke({ lambdaEndpoint: entry.lambdaEndpoint, service, functionName, event });
      sendJson(res, 200, result);
    } catch (error) {
      sendJson(res, 502, { error: error instanceof Error ? error.message : String(error) });
    }
  };

  const route = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ): Promise<void> => {
    const rest = path.slice(CONSOLE_PATH.length).replace(/\/$/, '');
    const [, section = '', ...parts] = rest.split('/');
    const arg = decodeURIComponent(parts.join('/'));

    if (section === 'api') {
      const [kind = '', ...argParts] = parts;
      const value = decodeURIComponent(argParts.join('/'));
      if (kind === 'requests') {
        const filter = {
          ...(query.get('service') ? { service: query.get('service') ?? '' } : {}),
          ...(query.get('status') ? { status: query.get('status') ?? '' } : {}),
          ...(query.get('correlationId') ? { correlationId: query.get('correlationId') ?? '' } : {}),
        };
        sendJson(res, 200, { requests: options.requests.list(filter) });
        return;
      }
      if (kind === 'trace') {
        sendJson(
          res,
          200,
          buildRequestTrace(
            value,
            options.requests.list({ correlationId: value }),
            options.logs.linesFor(value),
          ),
        );
        return;
      }
      if (kind === 'logs') {
        const limit = Number(query.get('limit') ?? 200);
        sendJson(res, 200, {
          service: value,
          lines: options.logs.linesOf(value, Number.isFinite(limit) && limit > 0 ? limit : 200),
        });
        return;
      }
      if (kind === 'metrics') {
        sendJson(res, 200, { series: options.metrics.series() });
        return;
      }
      if (kind === 'services') {
        sendJson(res, 200, { services: await servicesView() });
        return;
      }
      if (kind === 'invoke') {
        await invokeFunction(req, res);
        return;
      }
      sendJson(res, 404, { error: `no console API ${path}` });
      return;
    }

    if (section === 'assets') {
      const own = OWN_ASSETS[arg];
      if (own) {
        send(res, 200, `${own.type}; charset=utf-8`, own.body);
        return;
      }
      const vendor = VENDOR_ASSETS[arg];
      if (vendor) {
        send(res, 200, `${vendor.type}; charset=utf-8`, readFileSync(require.resolve(vendor.module)));
        return;
      }
    }

    if (section === '') {
      const rows = (await servicesView())
        .map(
          (
            service,
          ) => `<tr data-service="${html(service.name)}"><td><strong>${html(service.name)}</strong></td>
<td>${html(service.status)}</td><td class="${service.health === 'ok' ? 'ok' : 'down'}">${html(service.health)}</td><td>${html(service.owner)}</td>
<td>${service.routes.map((fn) => `<div><code>${html(fn.triggers.join(', '))}</code> ${html(fn.name)}</div>`).join('')}</td>
<td><a href="${CONSOLE_PATH}/logs/${html(service.name)}">logs</a> · <a href="${CONSOLE_PATH}/openapi/${html(service.name)}">API</a> · <a href="${CONSOLE_PATH}/requests?service=${html(service.name)}">requests</a></td></tr>`,
        )
        .join('\n');
      send(
        res,
        200,
        'text/html; charset=utf-8',
        layout(
          'Services',
          names,
          `<table><thead><tr><th>service</th><th>status</th><th>health</th><th>owner</th><th>routes and functions</th><th></th></tr></thead><tbody>${rows}</tbody></table>`,
        ),
      );
      return;
    }
    if (section === 'requests') {
      const options_ = ['', ...names]
        .map((name) => `<option value="${html(name)}">${html(name || 'all')}</option>`)
        .join('');
      send(
        res,
        200,
        'text/html; charset=utf-8',
        layout(
          'Requests',
          names,
          `<form id="filters" class="inline"><label>service<select name="service">${options_}</select></label>
<label>status<input name="status" placeholder="200, 4xx, 5xx" size="10"></label>
<label>correlation id<input name="correlationId" size="40"></label><span id="count"></span></form>
<table><thead><tr><th>time (UTC)</th><th>service</th><th>method</th><th>path</th><th>status</th><th>duration</th><th>correlation id</th></tr></thead><tbody id="requests"></tbody></table>`,
          { page: 'requests' },
        ),
      );
      return;
    }
    if (section === 'trace' && arg !== '') {
      const trace = buildRequestTrace(
        arg,
        options.requests.list({ correlationId: arg }),
        options.logs.linesFor(arg),
      );
      send(res, 200, 'text/html; charset=utf-8', layout('Trace', names, traceHtml(trace)));
      return;
    }
    if (section === 'logs' && dirOf.has(arg)) {
      send(
        res,
        200,
        'text/html; charset=utf-8',
        layout(
          `Logs: ${arg}`,
          names,
          `<p>The last lines ${html(arg)} printed (kept in memory), refreshed every 2 s.</p><pre id="log" class="log"></pre>`,
          {
            page: 'logs',
            data: { service: arg },
          },
        ),
      );
      return;
    }
    if (section === 'metrics') {
      send(
        res,
        200,
        'text/html; charset=utf-8',
        layout(
          'Metrics',
          names,
          `<p>The services' EMF metrics (what <a href="/metrics">/metrics</a> sums), per second since the stack started.</p><p id="empty">No metric yet: send a request.</p><div id="charts"></div>`,
          {
            page: 'metrics',
            head: `<link rel="stylesheet" href="${CONSOLE_PATH}/assets/uPlot.min.css">`,
            scripts: ['uPlot.iife.min.js'],
          },
        ),
      );
      return;
    }
    if (section === 'openapi') {
      const yaml = /^(.+)\.yaml$/.exec(arg);
      const name = yaml?.[1] ?? arg;
      const dir = dirOf.get(name);
      if (dir !== undefined && yaml) {
        let spec: string;
        try {
          spec = readFileSync(join(dir, 'openapi.yaml'), 'utf8');
        } catch {
          sendJson(res, 404, { error: `${name} has no openapi.yaml` });
          return;
        }
        send(res, 200, 'application/yaml; charset=utf-8', spec);
        return;
      }
      if (dir !== undefined) {
        send(
          res,
          200,
          'text/html; charset=utf-8',
          layout(`API: ${name}`, names, `<div id="swagger"></div>`, {
            page: 'openapi',
            data: { spec: `${CONSOLE_PATH}/openapi/${name}.yaml` },
            head: `<link rel="stylesheet" href="${CONSOLE_PATH}/assets/swagger-ui.css">`,
            scripts: ['swagger-ui-bundle.js'],
          }),
        );
        return;
      }
    }
    if (section === 'invoke') {
      const functions = names.map((name) => ({
        service: name,
        functions: manifestOf(name)?.functions ?? [],
      }));
      const templates = readTemplates(options.eventsDir);
      // JSON inside <script type="application/json">: `<` escaped so that no `</script>` ends it.
      const json = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
      send(
        res,
        200,
        'text/html; charset=utf-8',
        layout(
          'Invoke a function',
          names,
          `<p>Invokes <code>&lt;service&gt;-local-&lt;function&gt;</code> through its serverless-offline Lambda endpoint, internal functions included (what <code>make invoke</code> does). <code>{{token}}</code> becomes a dev token of every scope, <code>"{{nowMs}}"</code> the time.</p>
<form id="invoke"><div class="inline"><label>service<select name="service">${names.map((name) => `<option>${html(name)}</option>`).join('')}</select></label>
<label>function<select name="function"></select></label>
<label>template<select name="template"><option value="">(none: {})</option>${templates.map((item) => `<option>${html(item.name)}</option>`).join('')}</select></label>
<label>tenant<input name="tenant" value="demo"></label><button type="submit">Invoke</button></div>
<textarea name="event">{}</textarea></form><pre id="result" class="log"></pre>
<script type="application/json" id="functions">${json(functions)}</script><script type="application/json" id="templates">${json(templates)}</script>`,
          { page: 'invoke' },
        ),
      );
      return;
    }
    if (section === 'token') {
      send(
        res,
        200,
        'text/html; charset=utf-8',
        layout(
          'Mint a dev token',
          names,
          `<p>A token of the dev issuer (the stack's <code>/_dev/token</code>), which every service of the stack accepts.</p>
<form id="token" class="inline"><label>sub<input name="sub" value="dev-user"></label><label>tenant<input name="tenant" value="demo"></label>
<label>scope<input name="scope" size="60" value="${html(INVOKE_SCOPES)}"></label><button type="submit">Mint</button></form><pre id="minted" class="log"></pre>`,
          { page: 'token' },
        ),
      );
      return;
    }
    send(
      res,
      404,
      'text/html; charset=utf-8',
      layout('Not found', names, `<p>No console page ${html(path)}.</p>`),
    );
  };

  return (req, res, path) => {
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    route(req, res, path, query).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
      else res.destroy();
    });
  };
}
