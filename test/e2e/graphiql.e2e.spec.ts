/** The IDE is served from this server alone: the page and every asset it loads, no CDN. */
import { startServer, TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ seed: false });
});
afterAll(() => server.close());

it('serves GraphiQL and its assets locally', async () => {
  const base = server.url.replace(/\/graphql$/, '');
  const page = await fetch(`${base}/graphiql`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  expect(srcs).toHaveLength(6);
  for (const src of srcs) {
    expect(src.startsWith('/graphiql/assets/')).toBe(true);
    const asset = await fetch(`${base}${src}`);
    expect(asset.status).toBe(200);
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(
      /start\.js|page\.css/.test(src) ? 40 : 5000,
    );
  }
  // Nothing inline: the content-security policy allows scripts from this origin only.
  expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  expect(html).not.toMatch(/<style/);
  const csp = page.headers.get('content-security-policy') ?? '';
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).toMatch(/default-src 'self'/);
  expect(page.headers.get('x-powered-by')).toBeNull();
  expect((await fetch(`${base}/graphiql/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
});
