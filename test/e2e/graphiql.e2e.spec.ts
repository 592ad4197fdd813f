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
  expect(srcs).toHaveLength(4);
  for (const src of srcs) {
    expect(src.startsWith('/graphiql/assets/')).toBe(true);
    const asset = await fetch(`${base}${src}`);
    expect(asset.status).toBe(200);
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(5000);
  }
  expect((await fetch(`${base}/graphiql/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
});
