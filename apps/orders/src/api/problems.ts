import { conflict, HttpError, notFound, serviceUnavailable, unprocessable } from '@platform/http';
import {
  AlreadyCancelledError,
  CatalogForbiddenError,
  DependencyFailedError,
  InsufficientStockError,
  MixedCurrencyError,
  OrderNotFoundError,
  UnknownSkuError,
} from '../domain/errors';

/** The client-facing meaning of the orders service's domain errors. */
export function ordersProblem(error: unknown): HttpError | undefined {
  if (error instanceof UnknownSkuError) {
    return unprocessable(
      [{ path: 'body.lines', message: `unknown sku ${error.sku}` }],
      `Unknown sku ${error.sku}.`,
      'unknown-sku',
    );
  }
  if (error instanceof MixedCurrencyError) {
    return unprocessable(
      [{ path: 'body.lines', message: `lines are priced in ${error.currencies.join(', ')}` }],
      'An order has one currency; these lines are priced in several.',
      'mixed-currency',
    );
  }
  if (error instanceof InsufficientStockError) {
    return conflict('insufficient-stock', `Not enough stock of ${error.sku}.`, { sku: error.sku });
  }
  if (error instanceof OrderNotFoundError) return notFound(`No order ${error.orderId}.`);
  if (error instanceof AlreadyCancelledError)
    return conflict('already-cancelled', `Order ${error.orderId} is already cancelled.`);
  if (error instanceof CatalogForbiddenError) {
    return new HttpError(403, {
      detail: 'The token cannot read prices from the catalog: it needs catalog:read.',
    });
  }
  if (error instanceof DependencyFailedError)
    return serviceUnavailable(`The ${error.dependency} service is unavailable; retry.`, 2);
  return undefined;
}
