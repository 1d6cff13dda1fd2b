// `--persist DIR` keeps DynamoDB Local's data, and the cursor secret that goes with it, between two
// runs of the stack (catalog alone, started twice on the same folder).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateDevIssuer } from '@platform/auth/dev-issuer';
import { CURSOR_SECRET_FILE } from '../src/cursor-secret';
import { WORKSPACE_ROOT } from '../src/dev-stack-process';
import { startLocalStack, type LocalStack } from '../src/local-stack';
import { createStackOutput } from '../src/stack-output';

async function startCatalog(persistDir: string, lines: string[]): Promise<LocalStack> {
  return startLocalStack({
    workspaceRoot: WORKSPACE_ROOT,
    services: [{ name: 'catalog', dir: join(WORKSPACE_ROOT, 'apps', 'catalog') }],
    gatewayPort: 0,
    persistDir,
    output: createStackOutput({
      json: false,
      colour: false,
      names: ['dynamodb', 'catalog'],
      write: (line) => lines.push(line),
    }),
  });
}

describe('--persist DIR', () => {
  let persistDir: string;
  let stack: LocalStack | undefined;

  beforeAll(() => {
    persistDir = mkdtempSync(join(tmpdir(), 'local-stack-persist-'));
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(persistDir, { recursive: true, force: true });
  });

  it('keeps the tables, their items and the cursor secret from one run to the next', async () => {
    const token = await (
      await loadOrCreateDevIssuer()
    ).mint({ sub: 'p', tenant: 'persist', scope: 'catalog:read catalog:write' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const firstLines: string[] = [];
    stack = await startCatalog(persistDir, firstLines);
    expect(firstLines).toContain(`dynamodb  starting DynamoDB Local (persisting to ${persistDir})`);
    expect(firstLines).toContain('catalog   tables created: catalog-local');
    for (const sku of ['KEEP-1', 'KEEP-2', 'KEEP-3']) {
      const put = await fetch(`${stack.gatewayUrl}/catalog/products/${sku}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ name: sku, priceCents: 100, currency: 'EUR' }),
      });
      expect(put.status).toBe(201);
    }
    const page = (await (
      await fetch(`${stack.gatewayUrl}/catalog/products?limit=1`, { headers })
    ).json()) as {
      nextCursor: string;
    };
    const secret = readFileSync(join(persistDir, CURSOR_SECRET_FILE), 'utf8');
    await stack.stop();

    const secondLines: string[] = [];
    stack = await startCatalog(persistDir, secondLines);
    expect(secondLines).toContain('catalog   tables kept: catalog-local');
    const read = await fetch(`${stack.gatewayUrl}/catalog/products/KEEP-2`, { headers });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ sku: 'KEEP-2', version: 1 });
    // A cursor from the first run still pages in the second: same secret, same data.
    expect(readFileSync(join(persistDir, CURSOR_SECRET_FILE), 'utf8')).toBe(secret);
    const next = await fetch(
      `${stack.gatewayUrl}/catalog/products?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`,
      {
        headers,
      },
    );
    expect(next.status).toBe(200);
    expect(((await next.json()) as { items: Array<{ sku: string }> }).items.map((item) => item.sku)).toEqual([
      'KEEP-2',
    ]);
  }, 240_000);
});
