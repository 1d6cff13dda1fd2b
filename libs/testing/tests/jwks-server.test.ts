import { TestingError, createDevIssuer, findFreePort, serveJwks, type JwksServer } from '../src';

describe('serveJwks', () => {
  let server: JwksServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves a JWKS at /.well-known/jwks.json on 127.0.0.1 and counts the fetches', async () => {
    const issuer = await createDevIssuer();
    server = await serveJwks(issuer.jwks());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\.well-known\/jwks\.json$/);
    expect(server.requestCount()).toBe(0);
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(issuer.jwks());
    await fetch(server.url);
    expect(server.requestCount()).toBe(2);
  });

  it('asks a function for the keys on every fetch', async () => {
    let keys: unknown[] = [{ kid: 'one' }];
    server = await serveJwks(() => ({ keys }));
    expect(await (await fetch(server.url)).json()).toEqual({ keys: [{ kid: 'one' }] });
    keys = [{ kid: 'two' }];
    expect(await (await fetch(server.url)).json()).toEqual({ keys: [{ kid: 'two' }] });
  });

  it('answers 404 elsewhere and 405 to other methods, without counting them', async () => {
    server = await serveJwks({ keys: [] });
    expect((await fetch(server.url.replace('jwks.json', 'other'))).status).toBe(404);
    const post = await fetch(server.url, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(server.url, { method: 'HEAD' })).status).toBe(200);
    expect(server.requestCount()).toBe(1);
  });

  it('listens on the given port, and says so when it is taken', async () => {
    const port = await findFreePort();
    server = await serveJwks({ keys: [] }, { port });
    expect(server.url).toBe(`http://127.0.0.1:${port}/.well-known/jwks.json`);
    await expect(serveJwks({ keys: [] }, { port })).rejects.toThrow(TestingError);
    await expect(serveJwks({ keys: [] }, { port })).rejects.toThrow(
      /Cannot serve the JWKS on 127\.0\.0\.1:\d+/,
    );
  });

  it('stops answering once closed, even with a connection kept alive', async () => {
    const closing = await serveJwks({ keys: [] });
    await fetch(closing.url);
    await closing.close();
    await expect(fetch(closing.url)).rejects.toThrow();
  });
});
