import { GatewayUnreachableError, LocalStackError, UnknownServiceError } from './errors';

/** The `fetch` this module needs (tests pass their own). */
type Fetch = (
  url: string,
  init?: { method?: string; body?: string; headers?: Record<string, string> },
) => Promise<{
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

/** Every scope of the sample services: the token of an invoke may do anything a customer can. */
export const INVOKE_SCOPES =
  'catalog:read catalog:write inventory:read inventory:write orders:read orders:write';

interface StackServiceEntry {
  name: string;
  lambdaEndpoint: string;
}

/**
 * Asks the running local stack (its gateway's `/_stack`) where `service`'s serverless-offline
 * Lambda endpoint listens.
 *
 * @example
 * const endpoint = await lambdaEndpointOf('http://127.0.0.1:3000', 'inventory'); // 'http://127.0.0.1:39081'
 */
export async function lambdaEndpointOf(
  gatewayUrl: string,
  service: string,
  fetchFn: Fetch = fetch,
): Promise<string> {
  let text: string;
  try {
    const response = await fetchFn(`${gatewayUrl}/_stack`);
    if (!response.ok) throw new Error(`GET /_stack answered ${response.status}`);
    text = await response.text();
  } catch (error) {
    throw new GatewayUnreachableError(
      `no local stack answers at ${gatewayUrl} (${error instanceof Error ? error.message : String(error)}): start it with make dev (GATEWAY_PORT=… for another port)`,
      { cause: error },
    );
  }
  const stack = JSON.parse(text) as { services?: StackServiceEntry[] };
  const services = stack.services ?? [];
  const entry = services.find((candidate) => candidate.name === service);
  if (!entry) {
    throw new UnknownServiceError(
      [service],
      services.map((candidate) => candidate.name),
    );
  }
  return entry.lambdaEndpoint;
}

/** What an event template's placeholders become. */
export interface TemplateValues {
  /** Replaces `{{token}}` wherever it appears in a string. */
  token: string;
  /** Epoch milliseconds: a string that is exactly `{{nowMs}}` becomes this number, `{{nowMs+N}}` this plus N. */
  nowMs: number;
}

/**
 * Fills an event template: `{{token}}` inside any string becomes a dev token; a string that is
 * exactly `{{nowMs}}` or `{{nowMs+60000}}` becomes that number (epoch ms).
 *
 * @example
 * fillEventTemplate({ token: '{{token}}', attempt: '{{nowMs}}', holdUntil: '{{nowMs+60000}}' }, { token: 'jwt', nowMs: 1000 });
 * // { token: 'jwt', attempt: 1000, holdUntil: 61000 }
 */
export function fillEventTemplate(event: unknown, values: TemplateValues): unknown {
  if (typeof event === 'string') {
    const time = /^\{\{nowMs(?:\+(\d+))?\}\}$/.exec(event);
    if (time) return values.nowMs + Number(time[1] ?? 0);
    return event.replaceAll('{{token}}', values.token);
  }
  if (Array.isArray(event)) return event.map((item) => fillEventTemplate(item, values));
  if (typeof event === 'object' && event !== null) {
    return Object.fromEntries(
      Object.entries(event).map(([key, value]) => [key, fillEventTemplate(value, values)]),
    );
  }
  return event;
}

/** What a function answered. */
export interface InvokeResult {
  /** The function's answer, parsed when it is JSON. */
  payload: unknown;
  /** `Unhandled` (or the function's error type) when the function threw. */
  functionError: string | undefined;
}

/**
 * Invokes `<service>-<stage>-<functionName>` through serverless-offline's Lambda endpoint
 * (the AWS Lambda Invoke API, RequestResponse), as another service would.
 *
 * @example
 * const result = await invokeLocalFunction({ lambdaEndpoint: 'http://127.0.0.1:39081', service: 'inventory', functionName: 'sweepHolds', event: {} });
 */
export async function invokeLocalFunction(options: {
  lambdaEndpoint: string;
  service: string;
  functionName: string;
  event: unknown;
  stage?: string;
  fetchFn?: Fetch;
}): Promise<InvokeResult> {
  const fetchFn = options.fetchFn ?? fetch;
  const qualified = `${options.service}-${options.stage ?? 'local'}-${options.functionName}`;
  const response = await fetchFn(`${options.lambdaEndpoint}/2015-03-31/functions/${qualified}/invocations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
    body: JSON.stringify(options.event),
  });
  const text = await response.text();
  if (response.status === 404) {
    throw new LocalStackError(
      `${options.service} has no function ${options.functionName} (make info lists them)`,
    );
  }
  if (!response.ok) {
    throw new LocalStackError(`invoking ${qualified} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  let payload: unknown = text;
  try {
    payload = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: the answer as text
  }
  return { payload, functionError: response.headers.get('x-amz-function-error') ?? undefined };
}
