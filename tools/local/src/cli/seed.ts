/* `make seed`: loads the demo catalog and its stock into the running local stack, through the
 * gateway, with a token from the dev issuer. Idempotent. `--help` for usage. */
import { loadOrCreateDevIssuer } from '@platform/auth/dev-issuer';
import { parseSeedArgs, SEED_HELP } from '../cli-options';
import { DEMO_CATALOG, SEED_SCOPES, seedDemoData } from '../demo-data';
import { runCli } from '../run-cli';

void runCli('seed', async () => {
  const options = parseSeedArgs(process.argv.slice(2), process.env);
  if (options.help) {
    process.stdout.write(SEED_HELP);
    return;
  }
  const issuer = await loadOrCreateDevIssuer();
  const token = await issuer.mint({
    sub: 'seed',
    tenant: options.tenant,
    scope: SEED_SCOPES,
    expiresInSec: 600,
  });
  const seeded = await seedDemoData(options.baseUrl, token);
  const width = Math.max(...DEMO_CATALOG.map((product) => product.sku.length));
  for (const product of seeded) {
    const demo = DEMO_CATALOG.find((item) => item.sku === product.sku);
    const price = demo ? `${(demo.priceCents / 100).toFixed(2)} ${demo.currency}` : '';
    console.log(
      `  ${product.sku.padEnd(width)}  ${price.padStart(10)}  stock ${String(product.available).padStart(4)}  (${product.product})`,
    );
  }
  console.log(
    `seeded ${seeded.length} products and their stock for tenant ${options.tenant} via ${options.baseUrl}`,
  );
  console.log(
    `a token to try it: npm run -s token -- --sub demo-customer --tenant ${options.tenant} --scope "catalog:read inventory:read orders:read orders:write"`,
  );
});
