/** Operations endpoints over HTTP: liveness, readiness (the store answers), request ids. */
import { startServer, storeKinds, TestServer } from '../support/server';

describe.each(storeKinds())('operations on the %s store', (store) => {
  let server: TestServer;
  let base: string;

  beforeAll(async () => {
    server = await startServer({ store, seed: false });
    base = server.url.replace(/\/graphql$/, '');
  });

  afterAll(() => server.close());

  it('answers /health and /ready with the store it checked', async () => {
    const live = await fetch(`${base}/health`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { store: { status: 'up', kind: store } },
    });
  });

  it('gives every request an id, keeping a sane one the caller sent', async () => {
    const mine = await fetch(`${base}/health`, { headers: { 'x-request-id': 'trace-123' } });
    expect(mine.headers.get('x-request-id')).toBe('trace-123');
    const hostile = await fetch(`${base}/health`, {
      headers: { 'x-request-id': 'bad id\twith spaces' },
    });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
