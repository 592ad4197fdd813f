/**
 * GET /export on the real server over HTTP, for every store this run tests: the whole seeded graph
 * and a neighbourhood as GraphML, JSON and CSV, each read back with an independent parser
 * (graphology-graphml for GraphML, csv-parse for CSV) and checked against the store itself: every
 * node and every edge, typed attributes, and labels with quotes, commas, markup characters and
 * characters outside the BMP intact. Bad parameters answer 400 naming the field.
 */
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseCsv } from 'csv-parse/sync';
import { StoreUnavailableError } from '../../src/store/ports';
import type { EvidenceStore, GraphEdgeRecord } from '../../src/store/ports';
import { bearer, startServer, storeKinds, TestServer } from '../support/server';

/** A label that needs every kind of escaping: XML markup, CSV quoting, curly quotes, astral plane. */
const TRICKY = 'Glutamate "surge", <NMDA> & AMPA — “curly” ‘quotes’ 🧠 𝛼-subunit';
const TRICKY_ID = 'mechanism-export-escaping';
const RETRACTED_ID = 'study-export-retracted';

const NODE_KINDS = [
  'sources',
  'statements',
  'claims',
  'conditions',
  'mechanisms',
  'interventions',
  'studies',
  'gaps',
] as const;

async function allEdges(store: EvidenceStore): Promise<GraphEdgeRecord[]> {
  const out: GraphEdgeRecord[] = [];
  let after: GraphEdgeRecord | undefined;
  for (;;) {
    const page = await store.scanEdges(after, 200);
    out.push(...page);
    if (page.length < 200) return out;
    after = page[page.length - 1];
  }
}

async function allNodeIds(store: EvidenceStore): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const kind of NODE_KINDS) {
    let after: string | undefined;
    for (;;) {
      const page = (await store.scan(kind, after, 200)) as Array<{ id: string }>;
      for (const r of page) ids.add(r.id);
      if (page.length < 200) break;
      after = page[page.length - 1].id;
    }
  }
  return ids;
}

const edgeId = (e: GraphEdgeRecord) => `${e.type}:${e.source}>${e.target}`;

describe.each(storeKinds())('export (%s store)', (kind) => {
  let server: TestServer;
  let base: string;
  let nodeCount: number;
  let nodeIds: Set<string>;
  let edges: GraphEdgeRecord[];

  async function get(query: string): Promise<Response> {
    return fetch(`${base}/export?${query}`);
  }

  beforeAll(async () => {
    server = await startServer({ store: kind, seed: true });
    base = server.url.replace(/\/graphql$/, '');
    const created = await server.gql(
      `mutation($m: CreateMechanismInput!, $s: CreateStudyInput!) {
         createMechanism(input: $m) { id name }
         createStudy(input: $s) { id } }`,
      {
        m: { id: TRICKY_ID, name: TRICKY },
        s: {
          id: RETRACTED_ID,
          title: 'A withdrawn trial, with a comma',
          authors: ['Doe J'],
          year: 2019,
          design: 'RCT',
          sampleSize: 42,
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createMechanism.name).toBe(TRICKY);
    // A retraction takes effect once someone else accepts it.
    const noticed = await server.gql(
      `mutation($n: MarkNoticeInput!) { markNotice(input: $n) { id retracted notices(includePending: true) { id } } }`,
      { n: { studyId: RETRACTED_ID, kind: 'RETRACTION', date: '2024-01-02', expectedVersion: 1 } },
    );
    expect(noticed.errors).toBeUndefined();
    const accepted = await server.gql(
      `mutation($r: ReviewChangeInput!) { reviewChange(input: $r) { ... on Notice { study { retracted } } } }`,
      {
        r: {
          id: noticed.data.markNotice.notices[0].id,
          expectedVersion: 1,
          decision: 'ACCEPT',
        },
      },
      bearer(server.tokens.admin),
    );
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.reviewChange.study.retracted).toBe(true);

    // What the export must hold, read independently: counts from the database behind the server,
    // ids and edges from the store's own scans.
    const counts = await server.probe.counts();
    nodeCount = NODE_KINDS.reduce((sum, k) => sum + counts[k], 0);
    nodeIds = await allNodeIds(server.store);
    edges = await allEdges(server.store);
  }, 120_000);

  afterAll(() => server?.close());

  it('exports the whole graph as GraphML that a GraphML reader loads with every node, edge and typed attribute', async () => {
    const res = await get('format=graphml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/graphml\+xml/);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="evidence-graph.graphml"',
    );
    const xml = await res.text();
    expect(xml).toMatch(/<key id="n_year" for="node" attr.name="year" attr.type="int"\/>/);
    expect(xml).toMatch(
      /<key id="n_retracted" for="node" attr.name="retracted" attr.type="boolean"\/>/,
    );

    const graph = parseGraphml(Graph, xml);
    expect(nodeCount).toBeGreaterThan(50);
    expect(graph.order).toBe(nodeCount);
    expect(new Set(graph.nodes())).toEqual(nodeIds);
    expect(edges.length).toBeGreaterThan(50);
    expect(graph.size).toBe(edges.length);
    for (const e of edges) {
      const id = edgeId(e);
      expect(graph.hasEdge(id)).toBe(true);
      expect([graph.source(id), graph.target(id), graph.getEdgeAttribute(id, 'type')]).toEqual([
        e.source,
        e.target,
        e.type,
      ]);
    }
    expect(graph.isDirected(graph.edges()[0])).toBe(true);
    expect(graph.getAttribute('truncated')).toBe(false);

    // Typed attributes survive: numbers and booleans, not strings.
    const [study] = await server.store.getStudies([RETRACTED_ID]);
    const retracted = graph.getNodeAttributes(RETRACTED_ID);
    expect(retracted).toMatchObject({
      type: 'STUDY',
      year: 2019,
      sampleSize: 42,
      retracted: true,
      design: 'RCT',
    });
    expect(retracted.label).toContain('A withdrawn trial, with a comma');
    expect(study.retraction).not.toBeNull();
    const studies = graph.filterNodes((_, a) => a.type === 'STUDY' && a.year !== undefined);
    expect(studies.length).toBeGreaterThan(10);
    for (const id of studies) {
      expect(typeof graph.getNodeAttribute(id, 'year')).toBe('number');
      expect(typeof graph.getNodeAttribute(id, 'retracted')).toBe('boolean');
    }
    let after: string | undefined;
    for (;;) {
      const page = await server.store.scan('studies', after, 200);
      for (const s of page) {
        expect(graph.getNodeAttribute(s.id, 'retracted')).toBe(s.retraction !== null);
        if (s.year !== null) expect(graph.getNodeAttribute(s.id, 'year')).toBe(s.year);
      }
      if (page.length < 200) break;
      after = page[page.length - 1].id;
    }
    const fibro = graph.getNodeAttributes('fibromyalgia');
    expect(fibro).toMatchObject({ type: 'CONDITION', label: 'Fibromyalgia', meshCodes: 'D005356' });
    const statement = graph.findNode((_, a) => a.type === 'STATEMENT')!;
    expect(typeof graph.getNodeAttribute(statement, 'start')).toBe('number');

    // Labels round-trip exactly: curly quotes (every statement is quoted), markup, astral plane.
    expect(graph.getNodeAttribute(TRICKY_ID, 'label')).toBe(TRICKY);
    expect(graph.getNodeAttribute(TRICKY_ID, 'type')).toBe('MECHANISM');
    const [record] = await server.store.getStatements([statement]);
    const quote = record.quote.replace(/\s+/g, ' ').trim();
    const label = graph.getNodeAttribute(statement, 'label') as string;
    expect(label.startsWith('“')).toBe(true);
    if (quote.length <= 100) expect(label).toBe(`“${quote}”`);
    else expect(`“${quote}”`.startsWith(label.slice(0, -1))).toBe(true);
  });

  it('exports the same graph as JSON', async () => {
    const [graphml, json] = await Promise.all([get('format=graphml'), get('format=json')]);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await json.json()) as { nodes: any[]; edges: any[]; truncated: boolean };
    expect(body.truncated).toBe(false);
    expect(body.nodes).toHaveLength(nodeCount);
    expect(new Set(body.nodes.map((n) => n.id))).toEqual(nodeIds);
    expect(body.edges.map((e) => e.id).sort()).toEqual(edges.map(edgeId).sort());
    for (const e of body.edges) expect(e.id).toBe(edgeId(e));

    const graph = parseGraphml(Graph, await graphml.text());
    for (const node of body.nodes) {
      expect(node).toEqual({ id: node.id, ...graph.getNodeAttributes(node.id) });
    }
    expect(body.nodes.find((n) => n.id === TRICKY_ID).label).toBe(TRICKY);
    expect(body.nodes.find((n) => n.id === RETRACTED_ID)).toMatchObject({
      year: 2019,
      retracted: true,
    });
  });

  it('exports CSV tables that a CSV parser reads back intact', async () => {
    const nodesRes = await get('format=csv&file=nodes');
    expect(nodesRes.status).toBe(200);
    expect(nodesRes.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(nodesRes.headers.get('content-disposition')).toContain('evidence-graph-nodes.csv');
    const nodes = parseCsv(await nodesRes.text(), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(nodes).toHaveLength(nodeCount);
    expect(new Set(nodes.map((n) => n.Id))).toEqual(nodeIds);
    const tricky = nodes.find((n) => n.Id === TRICKY_ID)!;
    expect(tricky).toMatchObject({ Label: TRICKY, type: 'MECHANISM' });
    expect(nodes.find((n) => n.Id === RETRACTED_ID)).toMatchObject({
      year: '2019',
      retracted: 'true',
      sampleSize: '42',
    });
    expect(nodes.find((n) => n.Id === 'fibromyalgia')).toMatchObject({ year: '', doi: '' });

    // Default file is nodes.
    expect(await (await get('format=csv')).text()).toBe(
      await (await get('format=csv&file=nodes')).text(),
    );

    const edgesRes = await get('format=csv&file=edges');
    expect(edgesRes.status).toBe(200);
    const rows = parseCsv(await edgesRes.text(), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows).toHaveLength(edges.length);
    const row = (r: string[]) => r.join(' ');
    expect(rows.map((r) => row([r.Id, r.Source, r.Target, r.edgeType])).sort()).toEqual(
      edges.map((e) => row([edgeId(e), e.source, e.target, e.type])).sort(),
    );
    expect(new Set(rows.map((r) => r.Type))).toEqual(new Set(['Directed']));
  });

  it('exports a neighbourhood: fibromyalgia and its claims', async () => {
    const claimIds = await server.store.findClaimIds({ conditionIds: ['fibromyalgia'] });
    expect(claimIds.length).toBeGreaterThan(0);

    const res = await get('format=json&root=fibromyalgia&depth=1&types=CLAIM');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { nodes: any[]; edges: any[]; truncated: boolean };
    expect(body.truncated).toBe(false);
    expect(body.nodes.map((n) => n.id).sort()).toEqual(['fibromyalgia', ...claimIds].sort());
    expect(body.nodes.find((n) => n.id === 'fibromyalgia')).toMatchObject({
      type: 'CONDITION',
      label: 'Fibromyalgia',
      meshCodes: 'D005356',
    });
    for (const n of body.nodes.filter((x) => x.id !== 'fibromyalgia')) {
      expect(n.type).toBe('CLAIM');
      expect(typeof n.label).toBe('string');
      expect(typeof n.kind).toBe('string');
    }
    expect(body.edges).toHaveLength(claimIds.length);
    for (const e of body.edges) expect(e).toMatchObject({ type: 'ABOUT', target: 'fibromyalgia' });

    // Unfiltered, one step also reaches its broader condition; GraphML says which slice this is.
    const [fibro] = await server.store.getConditions(['fibromyalgia']);
    const narrower = (await server.store.narrowerPairs(['fibromyalgia'])).map(([, c]) => c);
    const xml = await (await get('format=graphml&root=fibromyalgia&depth=1')).text();
    const graph = parseGraphml(Graph, xml);
    expect(graph.nodes().sort()).toEqual(
      ['fibromyalgia', ...claimIds, ...fibro.broaderIds, ...narrower].sort(),
    );
    expect(graph.getAttributes()).toMatchObject({
      root: 'fibromyalgia',
      depth: 1,
      truncated: false,
    });
    expect(new Set(graph.mapEdges((_, a) => a.type as string))).toEqual(
      new Set(['ABOUT', 'BROADER']),
    );

    const rootOnly = (await (await get('format=json&root=fibromyalgia&depth=0')).json()) as any;
    expect(rootOnly.nodes.map((n: any) => n.id)).toEqual(['fibromyalgia']);
    expect(rootOnly.edges).toEqual([]);
  });

  it('filters the whole graph by node and edge types', async () => {
    const body = (await (
      await get('format=json&types=study,CLAIM&edgeTypes=SUPPORTS,CONTRADICTS')
    ).json()) as { nodes: any[]; edges: any[] };
    expect(new Set(body.nodes.map((n) => n.type))).toEqual(new Set(['STUDY', 'CLAIM']));
    const expected = edges.filter((e) => e.type === 'SUPPORTS' || e.type === 'CONTRADICTS');
    expect(body.edges.map((e) => e.id).sort()).toEqual(expected.map(edgeId).sort());
  });

  it.each([
    ['format=pdf', 'BAD_USER_INPUT', 'format'],
    ['format=json&format=csv', 'BAD_USER_INPUT', 'format'],
    ['format=csv&file=both', 'BAD_USER_INPUT', 'file'],
    ['types=CLAIM,GENE', 'BAD_USER_INPUT', 'types'],
    ['edgeTypes=SUPPORTS,LIKES', 'BAD_USER_INPUT', 'edgeTypes'],
    ['root=fibromyalgia&depth=4', 'BAD_USER_INPUT', 'depth'],
    ['root=fibromyalgia&depth=-1', 'BAD_USER_INPUT', 'depth'],
    ['root=fibromyalgia&depth=two', 'BAD_USER_INPUT', 'depth'],
    ['depth=1', 'BAD_USER_INPUT', 'depth'],
    ['root=no-such-node&depth=1', 'NOT_FOUND', 'root'],
  ])('answers 400 to %s, naming the field', async (query, code, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as any;
    expect(body).toEqual({ error: { code, field, message: expect.any(String) } });
    expect(body.error.message).toContain(field === 'root' ? 'no-such-node' : '');
    expect(JSON.stringify(body)).not.toMatch(/\.ts:\d+|stack/);
  });
});

describe('export while the database is away', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({
      seed: false,
      wrapStore: (real) =>
        new Proxy(real, {
          get(target, prop, receiver) {
            if (prop === 'counts' || prop === 'nodeTypes' || prop === 'scan')
              return async () => {
                throw new StoreUnavailableError('connection refused');
              };
            const value = Reflect.get(target, prop, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }),
    });
  }, 60_000);

  afterAll(() => server?.close());

  it.each(['format=graphml', 'format=json&root=fibromyalgia'])(
    'answers 503 to %s',
    async (query) => {
      const res = await fetch(`${server.url.replace(/\/graphql$/, '')}/export?${query}`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        error: { code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/unavailable/) },
      });
    },
  );
});
