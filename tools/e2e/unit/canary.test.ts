import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient } from '../src/api-client';
import { canaryPlan, servicesWithSuites } from '../src/canary';
import { E2eError, UsageError } from '../src/errors';

const testsDir = join(__dirname, '..', 'tests');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('canaryPlan', () => {
  it("runs only the service's own folder for each service named, and everything without a selection", () => {
    expect(canaryPlan('dev', ['orders'])).toEqual({ paths: ['tests/orders/'], readOnly: false });
    expect(canaryPlan('staging', ['catalog', 'inventory'])).toEqual({
      paths: ['tests/catalog/', 'tests/inventory/'],
      readOnly: false,
    });
    expect(canaryPlan('dev', undefined)).toEqual({ paths: [], readOnly: false });
  });

  it('runs prod read-only', () => {
    expect(canaryPlan('prod', ['orders'])).toEqual({ paths: ['tests/orders/'], readOnly: true });
  });

  it('refuses a service without a suite, naming those with one', () => {
    expect(() => canaryPlan('dev', ['paymnts'])).toThrow(UsageError);
    expect(() => canaryPlan('dev', ['paymnts'])).toThrow(
      'no canary suite for paymnts: the services with one are catalog, inventory, orders',
    );
  });

  it('knows a suite for every sample service, each with a read-only smoke file', () => {
    expect(servicesWithSuites()).toEqual(['catalog', 'inventory', 'orders']);
    for (const service of servicesWithSuites())
      expect(readdirSync(join(testsDir, service))).toContain('health.smoke.test.ts');
  });
});

describe('the read-only (prod) canary', () => {
  it('refuses every write before anything is sent', async () => {
    const api = new ApiClient('http://127.0.0.1:9', { readOnly: true });
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post'])
      await expect(api.call(method, '/orders')).rejects.toThrow(E2eError);
    await expect(api.call('PUT', '/catalog/products/X')).rejects.toThrow(
      'PUT /catalog/products/X refused: this canary is read-only (prod), it sends GET and HEAD only',
    );
  });

  it('has smoke files that send GET only and set nothing up', () => {
    const smokeFiles = filesUnder(testsDir).filter((file) => file.endsWith('.smoke.test.ts'));
    expect(smokeFiles.length).toBeGreaterThanOrEqual(3);
    for (const file of smokeFiles) {
      const text = readFileSync(file, 'utf8');
      const methods = [...text.matchAll(/\.call\(\s*'([A-Z]+)'/g)].map((match) => match[1]);
      expect({ file, methods: [...new Set(methods)] }).toEqual({ file, methods: ['GET'] });
      expect({ file, setup: /putProduct|putStock|placeOrder/.test(text) }).toEqual({ file, setup: false });
    }
  });
});
