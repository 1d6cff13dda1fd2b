import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { HttpError } from '../errors';
import type { HttpState } from './http-request';

/** docs/api.md: bodies are at most 64 KiB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** 413 when the (decoded) body is larger than `maxBytes`; keeps the decoded text for the next steps. */
export function bodyLimit(
  maxBytes: number,
): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, Context, HttpState> {
  return {
    name: 'body-limit',
    before: ({ event, internal }) => {
      if (event.body === undefined || event.body === null || event.body === '') return;
      // API Gateway always hands over a string; serverless-offline hands over a JSON body of
      // `false`, `0` or `true` as that value (found by schemathesis: a 500 from Buffer.from).
      const body: unknown = event.body;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const buffer = event.isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
      if (buffer.byteLength > maxBytes) {
        throw new HttpError(413, {
          detail: `The body is ${buffer.byteLength} bytes; the limit is ${maxBytes}.`,
        });
      }
      internal.rawBody = buffer.toString('utf8');
    },
  };
}
