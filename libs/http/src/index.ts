export {
  HttpLibError,
  HttpError,
  ConfigError,
  InvalidPayloadError,
  PROBLEM_BASE,
  problemType,
  badRequest,
  notFound,
  conflict,
  preconditionFailed,
  unprocessable,
  serviceUnavailable,
  type FieldError,
  type HttpErrorOptions,
} from './errors';
export { ok, created, noContent, type HttpResult, type ResponseOptions } from './responses';
export { parseIfMatch, ifMatchHolds, versionCheck, type IfMatch, type VersionCheck } from './if-match';
export {
  httpHandler,
  type ApiHandler,
  type HttpDependencies,
  type HttpHandlerOptions,
  type HttpRequest,
} from './http-handler';
export { healthHandler, type HealthHandlerOptions } from './health-handler';
export { invokeHandler, type InvocationContext } from './invoke-handler';
export { toHttpError, problemResponse } from './problem';
export { corsFromEnv, corsHeaders, type CorsOptions } from './cors';
export { loadEnv } from './config';
export { DEFAULT_MAX_BODY_BYTES } from './middleware/body-limit';
export { defineRoute, openApiDocument, ProblemSchema, type ApiRoute, type RouteResponse } from './openapi';
