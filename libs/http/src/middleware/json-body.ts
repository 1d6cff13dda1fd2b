import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { badRequest } from '../errors';
import { stateOf } from '../request-state';

/** 400 `malformed-json` when the body does not parse. */
export function jsonBody(): MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    name: 'json-body',
    before: ({ event }) => {
      const state = stateOf(event);
      if (state.rawBody === undefined) return;
      try {
        state.json = JSON.parse(state.rawBody);
      } catch {
        throw badRequest('malformed-json', 'The body is not valid JSON.');
      }
    },
  };
}
