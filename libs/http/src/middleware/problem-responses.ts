import type { MiddlewareObj } from '@middy/core';
import type { Logger } from '@platform/observability';
import type { Context } from 'aws-lambda';
import type { HttpError } from '../errors';
import { internalError, problemResponse, toHttpError } from '../problem';
import { type HttpResult, toApiGatewayResult } from '../responses';
import type { HttpState } from './http-request';

/** Options of {@link problemResponses}. */
export interface ProblemResponsesOptions {
  /** The route's own error mapping, consulted before the platform's. */
  mapError?: (error: unknown) => HttpError | undefined;
  logger: () => Pick<Logger, 'info' | 'error'>;
}

function logOutcome(
  logger: Pick<Logger, 'info' | 'error'>,
  error: unknown,
  httpError: HttpError | undefined,
): void {
  if (!httpError) logger.error({ err: error }, 'unhandled error: answered 500');
  else if (httpError.status >= 500) logger.error({ err: error, problem: httpError.type }, httpError.detail);
  else logger.info({ problem: httpError.type, detail: httpError.detail }, 'request rejected');
}

/**
 * After: the handler's {@link HttpResult} becomes API Gateway's response (JSON body). On error:
 * the error becomes an RFC 9457 problem+json response — the route's mapping first, then the
 * platform's (`toHttpError`), and anything not meant for the client a bare 500 "internal error"
 * (middy's `expose = status < 500`): the full error goes to the log, never to the client.
 */
export function problemResponses(
  options: ProblemResponsesOptions,
): MiddlewareObj<unknown, unknown, Error, Context, HttpState> {
  return {
    name: 'problem-responses',
    after: (request) => {
      request.response = toApiGatewayResult(request.response as HttpResult);
    },
    onError: (request) => {
      const httpError = options.mapError?.(request.error) ?? toHttpError(request.error);
      logOutcome(options.logger(), request.error, httpError);
      request.response = problemResponse(httpError ?? internalError(), request.internal.correlationId);
    },
  };
}
