/** Loads src/config.ts afresh with CATALOG_URL set to `url`. */
function loadWithCatalogUrl(url: string): unknown {
  const saved = process.env['CATALOG_URL'];
  process.env['CATALOG_URL'] = url;
  try {
    let config: unknown;
    jest.isolateModules(() => {
      config = (jest.requireActual('../src/config') as { config: unknown }).config;
    });
    return config;
  } finally {
    process.env['CATALOG_URL'] = saved;
  }
}

describe('CATALOG_URL', () => {
  it.each(['https://api.example.net', 'http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000'])(
    'accepts %s (https, or http to a loopback host)',
    (url) => {
      expect(loadWithCatalogUrl(url)).toMatchObject({ CATALOG_URL: url });
    },
  );

  it.each(['http://catalog.internal.example', 'http://10.0.0.5', 'ftp://127.0.0.1'])(
    'refuses %s at load, saying why (the caller token travels with every request)',
    (url) => {
      expect(() => loadWithCatalogUrl(url)).toThrow(/CATALOG_URL.*must be https/s);
    },
  );
});
