import { type HttpError, notFound } from '@platform/http';
import { StockNotFoundError } from '../domain/errors';

/** The client-facing meaning of the inventory's domain errors on its HTTP routes (reservations have none: no route). */
export function inventoryProblem(error: unknown): HttpError | undefined {
  if (error instanceof StockNotFoundError) return notFound(`No stock for ${error.sku}.`);
  return undefined;
}
