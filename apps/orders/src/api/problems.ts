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

/** Powertools idempotency errors, recognised by name (their classes live in the idempotency package). */
function idempotencyProblem(error: unknown): HttpError | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'IdempotencyValidationError') {
    return conflict('idempotency-key-reused', 'This Idempotency-Key was used with a different request body.');
  }
  if (name === 'IdempotencyAlreadyInProgressError') {
    return new HttpError(409, {
      type: 'idempotency-key-in-progress',
      detail: 'A request with this Idempotency-Key is still being processed; retry shortly.',
      headers: { 'retry-after': '1' },
    });
  }
  if (name === 'IdempotencyPersistenceLayerError' || name === 'IdempotencyItemAlreadyExistsError') {
    return serviceUnavailable('The idempotency store is unavailable; retry.', 1);
  }
  return undefined;
}

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
  return idempotencyProblem(error);
}
