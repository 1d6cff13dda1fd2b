import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { badRequest } from '../errors';
import type { HttpState } from './http-request';

/** 400 `malformed-json` when the body does not parse. */
export function jsonBody(): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, Context, HttpState> {
  return {
    name: 'json-body',
    before: ({ internal: state }) => {
      if (state.rawBody === undefined) return;
      try {
        state.json = JSON.parse(state.rawBody);
      } catch {
        throw badRequest('malformed-json', 'The body is not valid JSON.');
      }
    },
  };
}
