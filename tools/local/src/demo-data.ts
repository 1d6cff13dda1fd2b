import { randomUUID } from 'node:crypto';
import { GatewayUnreachableError, LocalStackError } from './errors';

/** One product of the demo catalog, with the stock `make seed` sets for it. */
export interface DemoProduct {
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  available: number;
}

/** The demo catalog `make seed` loads (tenant `demo` by default). */
export const DEMO_CATALOG: readonly DemoProduct[] = [
  { sku: 'PEN-BLUE', name: 'Blue ballpoint pen', priceCents: 150, currency: 'EUR', available: 500 },
  { sku: 'NOTEBOOK-A5', name: 'A5 dotted notebook', priceCents: 850, currency: 'EUR', available: 120 },
  { sku: 'MUG-LOGO', name: 'Mug with logo', priceCents: 1200, currency: 'EUR', available: 40 },
  { sku: 'STICKER-PACK', name: 'Sticker pack (10)', priceCents: 399, currency: 'EUR', available: 1000 },
  { sku: 'BACKPACK-15', name: '15" laptop backpack', priceCents: 5900, currency: 'EUR', available: 8 },
];

/** The scopes seeding needs. */
export const SEED_SCOPES = 'catalog:write inventory:write';

/** What seeding did to one product. */
export interface SeededProduct {
  sku: string;
  /** 201 created, 200 replaced. */
  product: 'created' | 'replaced';
  available: number;
}

async function send(baseUrl: string, path: string, token: string, body: unknown): Promise<Response> {
  const url = `${baseUrl}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-correlation-id': `seed-${randomUUID()}`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (cause) {
    throw new GatewayUnreachableError(
      `cannot reach the local stack at ${baseUrl} (${cause instanceof Error ? cause.message : String(cause)}): ` +
        'is `make dev` running? (GATEWAY_PORT or --base-url choose another port)',
      { cause },
    );
  }
  if (!response.ok) {
    throw new LocalStackError(
      `PUT ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
    );
  }
  return response;
}

/**
 * Puts every product of {@link DEMO_CATALOG} into the catalog and sets its stock, through the
 * gateway, as one tenant (the token's). Idempotent: a product is replaced when it exists, stock is
 * set, not added.
 *
 * @example
 * import { loadOrCreateDevIssuer } from '@platform/auth/dev-issuer';
 * const issuer = await loadOrCreateDevIssuer();
 * await seedDemoData('http://127.0.0.1:3000', await issuer.mint({ sub: 'seed', tenant: 'demo', scope: SEED_SCOPES }));
 */
export async function seedDemoData(
  baseUrl: string,
  token: string,
  catalog: readonly DemoProduct[] = DEMO_CATALOG,
): Promise<SeededProduct[]> {
  const seeded: SeededProduct[] = [];
  for (const item of catalog) {
    const path = encodeURIComponent(item.sku);
    const product = await send(baseUrl, `/catalog/products/${path}`, token, {
      name: item.name,
      priceCents: item.priceCents,
      currency: item.currency,
    });
    await product.body?.cancel();
    const stock = await send(baseUrl, `/inventory/stock/${path}`, token, { available: item.available });
    await stock.body?.cancel();
    seeded.push({
      sku: item.sku,
      product: product.status === 201 ? 'created' : 'replaced',
      available: item.available,
    });
  }
  return seeded;
}
