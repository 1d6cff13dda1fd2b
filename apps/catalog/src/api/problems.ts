import { conflict, type HttpError, notFound, preconditionFailed } from '@platform/http';
import { ContendedProductError, ProductNotFoundError, StaleVersionError } from '../domain/errors';

/** The client-facing meaning of the catalog's domain errors. */
export function catalogProblem(error: unknown): HttpError | undefined {
  if (error instanceof StaleVersionError) return preconditionFailed(error.currentVersion);
  if (error instanceof ProductNotFoundError) return notFound(`No product ${error.sku}.`);
  if (error instanceof ContendedProductError) {
    return conflict('version-conflict', `Product ${error.sku} kept changing; retry the request.`);
  }
  return undefined;
}
