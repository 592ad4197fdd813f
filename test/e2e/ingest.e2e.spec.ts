/**
 * Ingesting a saved page over HTTP, on each store: createSource with html keeps the page's main
 * text, title, URL, retrieval day and the SHA-256 of the HTML; a statement anchors to a quote of
 * the extracted text; pasted text has no HTML hash; malformed or empty pages, both text and html,
 * or neither, are refused with BAD_USER_INPUT naming the field, and the raw store is unchanged.
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { extractPage } from '../../src/sources/page-extraction';
import { slice, startServer, storeKinds, TestServer } from '../support/server';

const PAGE = readFileSync(join(__dirname, '..', 'fixtures', 'pages', 'clinic-page.html'), 'utf8');
const CREATE = `mutation($input: CreateSourceInput!) {
  createSource(input: $input) { id title url text contentHash retrievedAt htmlSha256 version }
}`;
const QUOTE = 'Studies have shown that patients may experience relief within hours.';

describe.each(storeKinds())('ingesting a page on the %s store', (store) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ store, seed: true });
  });

  afterAll(async () => {
    await server.close();
  });

  async function ok(query: string, variables?: Record<string, unknown>) {
    const res = await server.gql(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data;
  }

  it('creates a source from html and anchors a quote of its extracted text', async () => {
    const data = await ok(CREATE, {
      input: {
        id: 'src-ingested-page',
        url: 'https://clinic.example/ketamine-pain',
        kind: 'CLINIC_MARKETING',
        html: PAGE,
        retrievedAt: '2026-11-29',
      },
    });
    const expected = extractPage(PAGE);
    expect(data.createSource).toEqual({
      id: 'src-ingested-page',
      title: 'Ketamine Infusions for Chronic Pain',
      url: 'https://clinic.example/ketamine-pain',
      text: expected.text,
      contentHash: createHash('sha256').update(expected.text).digest('hex'),
      retrievedAt: '2026-11-29',
      htmlSha256: createHash('sha256').update(PAGE).digest('hex'),
      version: 1,
    });
    expect(data.createSource.text).not.toContain('cookies');

    const claim = await ok(
      `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id } }`,
      {
        input: {
          text: 'Ketamine infusions relieve chronic pain within hours',
          kind: 'ONSET',
          conditionIds: ['fibromyalgia'],
          interventionId: 'iv-ketamine-infusion',
        },
      },
    );
    const st = await ok(
      `mutation($input: AddStatementInput!) { addStatement(input: $input) { quote start end source { id } } }`,
      {
        input: {
          sourceId: 'src-ingested-page',
          claimId: claim.createClaim.id,
          quote: QUOTE,
          hedging: 'ASSERTIVE',
        },
      },
    );
    expect(st.addStatement.quote).toBe(QUOTE);
    expect(slice(expected.text, st.addStatement.start, st.addStatement.end)).toBe(QUOTE);

    // Read back: the store kept what the mutation answered.
    const read = await ok(
      `query { source(id: "src-ingested-page") { title text retrievedAt htmlSha256 statements { quote } } }`,
    );
    expect(read.source).toEqual({
      title: data.createSource.title,
      text: expected.text,
      retrievedAt: '2026-11-29',
      htmlSha256: data.createSource.htmlSha256,
      statements: [{ quote: QUOTE }],
    });

    // The export carries where the page came from.
    const exported = await fetch(`${server.url.replace(/\/graphql$/, '')}/export?format=json`);
    const graph = (await exported.json()) as { nodes: Array<Record<string, unknown>> };
    expect(graph.nodes.find((n) => n.id === 'src-ingested-page')).toMatchObject({
      url: 'https://clinic.example/ketamine-pain',
      retrievedAt: '2026-11-29',
      htmlSha256: data.createSource.htmlSha256,
    });
  });

  it('defaults the retrieval day to today and keeps a given title; pasted text has no HTML hash', async () => {
    const page = await ok(CREATE, {
      input: { title: 'My own title', kind: 'NEWS', html: PAGE },
    });
    expect(page.createSource.title).toBe('My own title');
    expect(page.createSource.retrievedAt).toBe(new Date().toISOString().slice(0, 10));
    const pasted = await ok(CREATE, {
      input: { title: 'Pasted', kind: 'NEWS', text: 'Plain pasted words.' },
    });
    expect(pasted.createSource).toMatchObject({ retrievedAt: null, htmlSha256: null });
    const seeded = await ok(`query { sources { id retrievedAt htmlSha256 } }`);
    // The seeded sources: everything but what this file creates.
    const mine = ['src-ingested-page', page.createSource.id, pasted.createSource.id];
    const seed = seeded.sources.filter((s: { id: string }) => !mine.includes(s.id));
    expect(seed.length).toBeGreaterThan(0);
    for (const s of seed) expect(s).toMatchObject({ retrievedAt: null, htmlSha256: null });
  });

  it.each([
    [
      'text that is not HTML',
      { html: 'Ketamine relieves pain, no markup here.' },
      'input.html',
      /not HTML/,
    ],
    [
      'an empty page',
      { html: '<!doctype html><html><head><title>Empty</title></head><body></body></html>' },
      'input.html',
      /no main text/,
    ],
    [
      'a page of scripts only',
      { html: '<html><body><script>document.write("hi")</script></body></html>' },
      'input.html',
      /no main text/,
    ],
    [
      'both text and html',
      { title: 'Both', text: 'Words.', html: PAGE },
      'input.html',
      /either text or html/,
    ],
    ['neither text nor html', { title: 'Neither' }, 'input.text', /required/],
    ['text without a title', { text: 'Words.' }, 'input.title', /required/],
    [
      'an impossible retrieval day',
      { html: PAGE, retrievedAt: '2026-02-30' },
      'input.retrievedAt',
      /calendar date/,
    ],
  ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_label, fields, field, reason) => {
    const before = await server.probe.snapshot();
    const res = await server.gql(CREATE, {
      input: { id: 'src-refused-page', kind: 'CLINIC_MARKETING', ...fields },
    });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors![0].message).toMatch(reason);
    expect(await server.probe.snapshot()).toEqual(before);
    expect(await server.probe.record('src-refused-page')).toBeUndefined();
    expect(
      (await server.gql(`query { source(id: "src-refused-page") { id } }`)).data?.source,
    ).toBeNull();
  });
});
