export {
  HttpError,
  ConfigError,
  InvalidPayloadError,
  notFound,
  conflict,
  preconditionFailed,
  unprocessable,
  serviceUnavailable,
} from './errors';
export { ok, created, noContent } from './responses';
export { parseIfMatch, ifMatchHolds, versionCheck } from './if-match';
export { httpHandler, type ApiHandler, type HttpDependencies } from './http-handler';
export { healthHandler } from './health-handler';
export { invokeHandler } from './invoke-handler';
export { toHttpError, problemResponse } from './problem';
export { corsFromEnv, corsHeaders } from './cors';
export { loadEnv } from './config';
export { defineRoute, openApiDocument, type ApiRoute } from './openapi';
