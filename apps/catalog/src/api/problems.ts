import { type HttpError, notFound, preconditionFailed, serviceUnavailable } from '@platform/http';
import { ContendedProductError, ProductNotFoundError, StaleVersionError } from '../domain/errors';

/** The client-facing meaning of the catalog's domain errors. */
export function catalogProblem(error: unknown): HttpError | undefined {
  if (error instanceof StaleVersionError) return preconditionFailed(error.currentVersion);
  if (error instanceof ProductNotFoundError) return notFound(`No product ${error.sku}.`);
  // Ten writers in a row beat this one: a transient fault of the server's, not a conflict the
  // client can resolve, so 503 with Retry-After (documented with the other faults as 5XX).
  if (error instanceof ContendedProductError) {
    return serviceUnavailable(`Product ${error.sku} kept changing; retry the request.`, 1);
  }
  return undefined;
}
