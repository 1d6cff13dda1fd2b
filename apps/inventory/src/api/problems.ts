import { type HttpError, notFound, serviceUnavailable } from '@platform/http';
import { ReservationContendedError, StockNotFoundError } from '../domain/errors';

/** The client-facing meaning of the inventory's domain errors. */
export function inventoryProblem(error: unknown): HttpError | undefined {
  if (error instanceof StockNotFoundError) return notFound(`No stock for ${error.sku}.`);
  if (error instanceof ReservationContendedError) return serviceUnavailable('Stock is contended; retry.', 1);
  return undefined;
}
