import type { Principal } from '@platform/auth';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** What the stack learns about one request, step by step, before the handler runs. */
export interface RequestState {
  correlationId: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  rawBody?: string;
  json?: unknown;
  body?: unknown;
  query?: unknown;
  path?: unknown;
  parsedHeaders?: unknown;
  principal?: Principal;
}

const states = new WeakMap<APIGatewayProxyEventV2, RequestState>();

/** Attaches the state of a request to its event (the middy request carries the event through). */
export function attachState(event: APIGatewayProxyEventV2, state: RequestState): void {
  states.set(event, state);
}

/** The state attached to an event; the stack always attaches one before any middleware runs. */
export function stateOf(event: APIGatewayProxyEventV2): RequestState {
  const state = states.get(event);
  if (!state) throw new Error('request state missing: the event did not go through httpHandler');
  return state;
}

/** Lower-cases header names (API Gateway v2 already does; direct invocations may not). */
export function normaliseHeaders(
  headers: APIGatewayProxyEventV2['headers'] | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) result[name.toLowerCase()] = value;
  }
  return result;
}
