import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type CorsOptions, corsHeaders } from '../cors';
import type { HttpState } from './http-request';

/** After, and on error: the CORS headers for the request's `Origin` (none unless it is allowed). */
export function cors(options: () => CorsOptions): MiddlewareObj<unknown, unknown, Error, Context, HttpState> {
  const add: NonNullable<MiddlewareObj<unknown, unknown, Error, Context, HttpState>['after']> = (request) => {
    const response = request.response as APIGatewayProxyStructuredResultV2 | undefined;
    if (!response) return;
    response.headers = { ...response.headers, ...corsHeaders(options(), request.internal.headers['origin']) };
  };
  return { name: 'cors', after: add, onError: add };
}
