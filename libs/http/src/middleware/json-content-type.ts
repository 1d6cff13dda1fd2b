import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { HttpError } from '../errors';
import type { HttpState } from './http-request';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** 415 when a body is sent with a content type other than JSON (`application/json`, `…+json`). */
export function jsonContentType(): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, Context, HttpState> {
  return {
    name: 'json-content-type',
    before: ({ internal: state }) => {
      if (state.rawBody === undefined) return;
      const contentType = state.headers['content-type'];
      if (!contentType || !JSON_MEDIA_TYPE.test(contentType)) {
        throw new HttpError(415, {
          detail: `Send the body as application/json (got ${contentType ? `"${contentType}"` : 'no content-type'}).`,
        });
      }
    },
  };
}
