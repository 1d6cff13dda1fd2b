import { withSubsegment } from '@platform/observability';
import * as z from 'zod/mini';
import { CatalogForbiddenError, DependencyFailedError, UnknownSkuError } from '../domain/errors';
import type { CallContext, Price, PriceCatalog } from '../domain/order';

const CatalogProduct = z.object({
  sku: z.string(),
  priceCents: z.number().check(z.int(), z.gte(0)),
  currency: z.string(),
});

/** At most this many catalog requests at once per order. */
const PARALLEL_REQUESTS = 8;

/**
 * {@link PriceCatalog} over the catalog's HTTP API: `GET {baseUrl}/catalog/products/{sku}` with the
 * caller's bearer token and correlation id, 8 at a time. A 404 means the tenant does not sell the
 * sku: {@link UnknownSkuError} at once, the other reads cancelled; 401/403 mean the token may not read prices; anything else, a redirect (never
 * followed: the token would go with it), or no answer within `timeoutMs` per request and the
 * caller's `signal` overall, is a {@link DependencyFailedError}.
 */
export class HttpPriceCatalog implements PriceCatalog {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async prices(skus: string[], context: CallContext, signal: AbortSignal): Promise<Map<string, Price>> {
    return withSubsegment('catalog.prices', async () => {
      const prices = new Map<string, Price>();
      const queue = [...skus];
      // The first sku catalog does not sell decides the answer (422): the reads still in flight are cancelled.
      const settled = new AbortController();
      const all = AbortSignal.any([signal, settled.signal]);
      const worker = async (): Promise<void> => {
        for (let sku = queue.shift(); sku !== undefined && !settled.signal.aborted; sku = queue.shift()) {
          const price = await this.price(sku, context, all);
          if (!price) {
            settled.abort();
            throw new UnknownSkuError(sku);
          }
          prices.set(sku, price);
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(PARALLEL_REQUESTS, skus.length) }, worker));
      } catch (error) {
        settled.abort();
        throw error;
      }
      return prices;
    });
  }

  private async price(sku: string, context: CallContext, signal: AbortSignal): Promise<Price | undefined> {
    const url = `${this.baseUrl.replace(/\/$/, '')}/catalog/products/${encodeURIComponent(sku)}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        headers: {
          authorization: `Bearer ${context.token}`,
          'x-correlation-id': context.correlationId,
          accept: 'application/json',
        },
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]),
        redirect: 'error',
      });
    } catch (error) {
      throw new DependencyFailedError('catalog', `no answer for ${sku}`, { cause: error });
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new CatalogForbiddenError(response.status);
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new DependencyFailedError('catalog', `answered ${response.status} for ${sku}`);
    }
    const parsed = CatalogProduct.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new DependencyFailedError('catalog', `answered an unexpected body for ${sku}`);
    return { priceCents: parsed.data.priceCents, currency: parsed.data.currency };
  }
}
