/**
 * The README is a test: every GraphQL block and every curl command it shows runs, in the order a
 * reader meets them, against the real server over HTTP, on each store, as the section says
 * (anonymous for reads, an editor's token in the **Editor** section and for other mutations, an
 * admin's for the **Reviewer** section: a reviewer is never the author). Each block is sent as
 * it stands, without an operation name, as curl would send it: so one operation per block (two
 * answer OPERATION_RESOLUTION_FAILURE).
 *
 * Placeholders a reader fills from an earlier answer ("<id from the review queue>", "<its
 * version>", "<revision id from history>") are filled the same way, from this walk's own answers;
 * an unknown placeholder fails the test, so a new one cannot go unexplained.
 *
 * Every operation must answer 200 without errors, and every root field with a value that carries
 * something (not null, not `{}`): the review example once returned `{}` for a statement.
 * (The query limits' side, that no README query is refused, is covered here too.)
 */
import { Kind, OperationDefinitionNode, parse } from 'graphql';
import { curlCommands, readmeBlocks, ReadmeBlock } from '../support/readme-examples';
import { anonymous, bearer, startServer, storeKinds, TestServer } from '../support/server';

interface Walk {
  /** The latest reviewQueue answer's first item. */
  queued?: { id: string; version: number };
  /** Ids of records the walk's mutations created, in order. */
  created: string[];
}

function where(block: ReadmeBlock, op?: string): string {
  return `README.md line ${block.line}${op ? ` (${op})` : ''}`;
}

/** Fills the placeholders a reader would fill from earlier answers. */
async function fill(text: string, block: ReadmeBlock, walk: Walk, server: TestServer) {
  const placeholders = [...text.matchAll(/"?<([^<>\n]+)>"?/g)];
  let out = text;
  for (const m of placeholders) {
    const name = m[1];
    let value: string;
    if (/^id from the review queue$/.test(name)) {
      if (!walk.queued) throw new Error(`${where(block)}: nothing was queued before "${name}"`);
      value = JSON.stringify(walk.queued.id);
    } else if (/^its version$/.test(name)) {
      value = String(walk.queued!.version);
    } else if (/^revision id from history$/.test(name)) {
      const id = walk.created[walk.created.length - 1];
      if (!id) throw new Error(`${where(block)}: no record was created before "${name}"`);
      const res = await server.gql(
        'query($id: ID!) { history(id: $id) { edges { node { id action } } } }',
        { id },
        anonymous(),
      );
      const first = res.data?.history.edges[0]?.node;
      if (!first) throw new Error(`${where(block)}: ${id} has no history`);
      value = JSON.stringify(first.id);
    } else if (/^ISO date-time$/.test(name)) {
      value = JSON.stringify(new Date().toISOString());
    } else {
      throw new Error(`${where(block)}: the test does not know how to fill "<${name}>"`);
    }
    out = out.replace(m[0], value);
  }
  return out;
}

/** The token the section's reader has. */
function headersFor(block: ReadmeBlock, op: OperationDefinitionNode, server: TestServer) {
  if (/reviewer/i.test(block.lead)) return bearer(server.tokens.admin);
  if (/editor/i.test(block.lead) || op.operation === 'mutation')
    return bearer(server.tokens.editor);
  return anonymous();
}

/** Not null, and not an empty object or list: the answer shows what the example selects. */
function carries(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return true;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

async function runGraphql(block: ReadmeBlock, walk: Walk, server: TestServer): Promise<void> {
  const text = await fill(block.text, block, walk, server);
  const doc = parse(text);
  const ops = doc.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  expect({ where: where(block), operations: ops.length }).toEqual({
    where: where(block),
    operations: 1,
  });
  const op = ops[0];
  const name = op.name?.value;
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headersFor(block, op, server) },
    body: JSON.stringify({ query: text }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  const label = where(block, name);
  expect({ label, status: res.status, errors: body.errors }).toEqual({
    label,
    status: 200,
    errors: undefined,
  });
  for (const [field, value] of Object.entries(body.data ?? {})) {
    expect({ label, field, carries: carries(value) }).toEqual({ label, field, carries: true });
    const v = value as Record<string, any>;
    if (op.operation === 'mutation' && typeof v?.id === 'string') walk.created.push(v.id);
    if (field === 'reviewQueue') {
      const node = v.edges.map((e: any) => e.node).find((n: any) => n.id);
      walk.queued = node ? { id: node.id, version: node.version } : undefined;
    }
  }
}

async function runCurl(block: ReadmeBlock, words: string[], server: TestServer): Promise<void> {
  const origin = new URL(server.url).origin;
  let url = '';
  let body: string | undefined;
  const headers: Record<string, string> = {};
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === '-s') continue;
    else if (w === '-H') {
      const [k, ...v] = words[++i].split(':');
      headers[k.trim()] = v.join(':').trim();
    } else if (w === '-d') body = words[++i];
    else if (w === '-o')
      i++; // the body is checked here instead of saved
    else if (w.startsWith('-')) throw new Error(`${where(block)}: curl flag ${w} not understood`);
    else url = w.replace(/^(https?:\/\/)?(localhost|127\.0\.0\.1):3000/, origin);
  }
  if (!url.startsWith('http')) throw new Error(`${where(block)}: no URL in ${words.join(' ')}`);
  const res = await fetch(url, { method: body ? 'POST' : 'GET', headers, body });
  const text = await res.text();
  const label = `${where(block)}: ${words.join(' ')}`;
  expect({ label, status: res.status }).toEqual({ label, status: 200 });
  expect(text.length).toBeGreaterThan(0);
  if (/json/.test(res.headers.get('content-type') ?? '')) {
    expect({ label, errors: JSON.parse(text).errors }).toEqual({ label, errors: undefined });
  }
}

describe.each(storeKinds())('README examples on the %s store', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ store: kind, seed: true });
  });
  afterAll(() => server?.close());

  it('runs every GraphQL block and curl command, in order, as its section says', async () => {
    const blocks = readmeBlocks();
    const walk: Walk = { created: [] };
    let graphql = 0;
    let curls = 0;
    for (const block of blocks) {
      if (block.lang === 'graphql') {
        await runGraphql(block, walk, server);
        graphql++;
      } else {
        for (const words of curlCommands(block)) {
          await runCurl(block, words, server);
          curls++;
        }
      }
    }
    // The README has these today; fewer means the extraction broke, not that the README shrank.
    expect(graphql).toBeGreaterThanOrEqual(8);
    expect(curls).toBeGreaterThanOrEqual(3);
    // The review example accepted something and the undo example undid something.
    expect(walk.created.length).toBeGreaterThanOrEqual(2);
  });
});
