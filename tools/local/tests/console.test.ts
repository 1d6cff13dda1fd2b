// The local console (/_console) of a real stack, in headless Chromium (Debian's, driven by
// playwright-core; no browser is downloaded). Slow: a stack start is 10–40 s here.
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SEED_SCOPES, seedDemoData } from '../src/demo-data';
import { spawnDevStack, type DevStackProcess } from '../src/dev-stack-process';
import { printServiceLogs } from '../src/service-logs';

const STACK_START_MS = 240_000;
/** The Chromium the test drives: Debian's package, or `CHROMIUM_PATH`. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** A token of the dev issuer, from the stack's token endpoint. */
async function devToken(gatewayUrl: string, tenant: string, scope: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/_dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'console-test', tenant, scope }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Reads `read()` until `done` holds of it or `timeoutMs` passes, and returns the last value read. */
async function settled<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

describe('the local console in headless Chromium', () => {
  let stack: DevStackProcess;
  let browser: Browser;
  const tenant = `t-${randomUUID().slice(0, 8)}`;

  /** A new page whose console errors and uncaught exceptions are collected in `errors`. */
  async function openPage(): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    return { page, errors };
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: install it with \`apt-get install chromium\` ` +
          '(or set CHROMIUM_PATH to a Chromium or Chrome binary). The console test drives it with playwright-core.',
      );
    }
    stack = await spawnDevStack({ args: ['--services', 'catalog,inventory,orders'] });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, STACK_START_MS);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop('SIGINT').catch(() => undefined);
  });

  it('loads /_console without a console error and lists catalog, inventory and orders with health ok, owner and routes', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${stack.gatewayUrl}/_console`);
    await page.waitForLoadState('networkidle');
    for (const [service, owner, route] of [
      ['catalog', 'team-catalog', 'GET /catalog/products/{sku}'],
      ['inventory', 'team-inventory', 'invoke only'],
      ['orders', 'team-orders', 'POST /orders'],
    ] as const) {
      const row = page.locator(`tr[data-service="${service}"]`);
      await expect(row.locator('td').nth(2).textContent()).resolves.toBe('ok');
      await expect(row.textContent()).resolves.toContain(owner);
      await expect(row.textContent()).resolves.toContain(route);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints the recent lines of a service for make logs, and with follow the lines of a request made meanwhile', async () => {
    const recent: string[] = [];
    await printServiceLogs({
      gatewayUrl: stack.gatewayUrl,
      service: 'orders',
      limit: 500,
      write: (text) => recent.push(text),
    });
    expect(recent.some((line) => line.includes('"service":"orders"'))).toBe(true);

    const followed: string[] = [];
    const stop = new AbortController();
    const following = printServiceLogs({
      gatewayUrl: stack.gatewayUrl,
      service: 'catalog',
      limit: 1,
      write: (text) => followed.push(text),
      follow: { intervalMs: 200, signal: stop.signal },
    });
    const correlationId = `logs-${randomUUID()}`;
    await fetch(`${stack.gatewayUrl}/catalog/health`, { headers: { 'x-correlation-id': correlationId } });
    const seen = await settled(
      async () => followed.some((line) => line.includes(correlationId)),
      (found) => found,
      10_000,
    );
    stop.abort();
    await following;
    expect(seen).toBe(true);
  });

  it('shows an order placed through the gateway in the request list, and its trace names orders, catalog and inventory', async () => {
    await seedDemoData(stack.gatewayUrl, await devToken(stack.gatewayUrl, tenant, SEED_SCOPES));
    const token = await devToken(stack.gatewayUrl, tenant, 'orders:write orders:read catalog:read');
    const correlationId = `console-${randomUUID()}`;
    const placed = await fetch(`${stack.gatewayUrl}/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        'x-correlation-id': correlationId,
      },
      body: JSON.stringify({ lines: [{ sku: 'PEN-BLUE', qty: 2 }] }),
    });
    expect(placed.status).toBe(201);

    const { page, errors } = await openPage();
    await page.goto(`${stack.gatewayUrl}/_console/requests`);
    await page.fill('input[name="correlationId"]', correlationId);
    const orderRow = page.locator(`#requests tr[data-correlation-id="${correlationId}"]`, {
      hasText: 'orders',
    });
    await orderRow.waitFor({ timeout: 10_000 });
    await expect(orderRow.textContent()).resolves.toMatch(/ordersPOST\/orders201/);
    await orderRow.locator('a').click();
    await page.waitForURL(`**/_console/trace/${correlationId}`);
    // Inventory is reached by a direct invoke: its hop comes from its log lines, which may arrive a
    // moment after the answer.
    const traced = await settled(
      async () => {
        await page.reload();
        return page.locator('#trace-services').textContent();
      },
      (text) => text === 'orders → catalog → inventory',
      10_000,
    );
    expect(traced).toBe('orders → catalog → inventory');
    for (const service of ['orders', 'catalog', 'inventory']) {
      await expect(
        page.locator(`.hop[data-service="${service}"] pre`).first().textContent(),
      ).resolves.toContain(correlationId);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws the metrics with uPlot, renders an OpenAPI in Swagger UI, invokes an internal function from a template and mints a token, without a console error', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${stack.gatewayUrl}/_console/metrics`);
    await page.locator('.chart[data-metric="Requests"] canvas').first().waitFor({ timeout: 10_000 });

    await page.goto(`${stack.gatewayUrl}/_console/openapi/orders`);
    await page.locator('.swagger-ui .title').first().waitFor({ timeout: 15_000 });
    await expect(page.locator('.swagger-ui .title').first().textContent()).resolves.toContain('orders');

    await page.goto(`${stack.gatewayUrl}/_console/invoke`);
    await page.selectOption('select[name="service"]', 'inventory');
    await page.selectOption('select[name="function"]', 'sweepHolds');
    await page.selectOption('select[name="template"]', 'direct-sweep-holds.json');
    await page.click('#invoke button[type="submit"]');
    const invoked = await settled(
      () => page.locator('#result').textContent(),
      (text) => text?.startsWith('HTTP') === true,
      15_000,
    );
    expect(invoked).toMatch(/^HTTP 200\n[\s\S]*"payload"/);

    await page.goto(`${stack.gatewayUrl}/_console/token`);
    await page.fill('input[name="tenant"]', tenant);
    await page.click('#token button[type="submit"]');
    const minted = await settled(
      () => page.locator('#minted').textContent(),
      (text) => text !== '',
      10_000,
    );
    expect(minted).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    await page.goto(`${stack.gatewayUrl}/_console/logs/orders`);
    const logged = await settled(
      () => page.locator('#log').textContent(),
      (text) => text?.includes('"correlationId"') === true,
      10_000,
    );
    expect(logged).toContain('"correlationId"');
    expect(errors).toEqual([]);
    await page.close();
  });
});
