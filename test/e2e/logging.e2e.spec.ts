/**
 * What the server's log says about refused requests, read from the real server's output (a child
 * process): every expected error (bad input, unknown names, no or wrong token, too little right, a
 * stale version, a query over the limits, a rate limit, a body over the limit) is one line at info
 * or warn, with its code, without a stack, its values cut; 1 MB inputs leave a few hundred bytes of
 * log, not megabytes. (Before: each was logged at error with a stack, a 1 MB input as a 3 MB line.)
 */
import { AuthService } from '../../src/auth/auth.service';
import { loadConfig } from '../../src/config/app-config';
import { createStore } from '../../src/store/store.factory';
import { ChildServer, killAllChildren, startChildServer } from '../support/child-server';
import { bearer } from '../support/server';
import { tempDbPath } from '../support/temp-sqlite';

jest.setTimeout(120_000);

const MB = 'x'.repeat(1_048_576);

interface LogLine {
  level: number;
  msg: string;
  context?: string;
}

describe('logs of expected errors', () => {
  const temp = tempDbPath();
  let server: ChildServer;
  let tokens: { editor: string; reader: string };
  const codesSent: string[] = [];

  async function post(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<string[]> {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? '');
    codesSent.push(...codes);
    return codes;
  }

  beforeAll(async () => {
    const env = { SQLITE_PATH: temp.file, NODE_ENV: 'test' };
    const direct = createStore(loadConfig(env));
    await direct.init();
    const auth = new AuthService(direct);
    tokens = {
      editor: (await auth.createToken('log-editor', 'EDITOR', { actor: 'test' })).secret,
      reader: (await auth.createToken('log-reader', 'READER', { actor: 'test' })).secret,
    };
    await direct.close();
    server = await startChildServer(
      { SQLITE_PATH: temp.file, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '12' },
      { keepChars: 20_000_000 },
    );

    const editor = bearer(tokens.editor);
    // BAD_USER_INPUT: a 1 MB argument, a 1 MB filter field, a 1 MiB mutation text, a 1 MB enum.
    await post(`query ($c: String!) { evidenceReport(condition: $c) { summary { text } } }`, {
      c: MB,
    });
    await post(`query ($c: String) { claims(filter: { condition: $c }) { totalCount } }`, {
      c: MB,
    });
    await post(
      `mutation ($input: CreateSourceInput!) { createSource(input: $input) { id } }`,
      { input: { title: 'Too long', kind: 'OTHER', text: MB } },
      editor,
    );
    await post(
      `query ($h: Hedging) { claims(filter: { hedging: $h }) { totalCount } }`,
      { h: MB },
      editor,
    );
    // NOT_FOUND, with near-name suggestions.
    await post(`{ evidenceReport(condition: "fibromyalgiaa") { summary { text } } }`);
    // UNAUTHENTICATED: no token for a change, an unknown token.
    await post(`mutation { createClaim(input: { text: "x", kind: EFFICACY }) { id } }`);
    await post(`{ sources { id } }`, {}, bearer('ekb_unknown'));
    // FORBIDDEN: a reader listing tokens.
    await post(`{ tokens { id } }`, {}, bearer(tokens.reader));
    // CONFLICT: a stale version.
    await post(
      `mutation { updateClaim(input: { id: "claim-fibromyalgia-relief-up-to-3-months", expectedVersion: 999, text: "x y z" }) { id } }`,
      {},
      editor,
    );
    // QUERY_TOO_COMPLEX: the chain of plain lists.
    await post(
      `{ sources { statements { claim { statements { source { statements { claim { statements { source { text } } } } } } } } } }`,
      {},
      editor,
    );
    // GRAPHQL_VALIDATION_FAILED, quoting a 1 MB literal.
    await post(`{ claim(id: "x") { text(long: "${MB}") } }`, {}, editor);
    // PAYLOAD_TOO_LARGE.
    const big = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...editor },
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(2_000_000) } }),
    });
    expect(big.status).toBe(413);
    codesSent.push('PAYLOAD_TOO_LARGE');
    // TOO_MANY_REQUESTS: anonymous requests from this IP until refused.
    for (let i = 0; i < 20 && !codesSent.includes('TOO_MANY_REQUESTS'); i++)
      await post(`{ sources { id } }`);
    // Give the child a moment to write its last lines.
    await new Promise((r) => setTimeout(r, 300));
  });

  afterAll(async () => {
    await server?.kill();
    await killAllChildren();
    temp.cleanup();
  });

  const lines = () => server.output().trim().split('\n');

  it('answered each refusal with its code', () => {
    expect([...new Set(codesSent)].sort()).toEqual(
      [
        'BAD_USER_INPUT',
        'CONFLICT',
        'FORBIDDEN',
        'GRAPHQL_VALIDATION_FAILED',
        'NOT_FOUND',
        'PAYLOAD_TOO_LARGE',
        'QUERY_TOO_COMPLEX',
        'TOO_MANY_REQUESTS',
        'UNAUTHENTICATED',
      ].sort(),
    );
  });
  const entries = (): LogLine[] => lines().map((l) => JSON.parse(l) as LogLine);

  it('has no stack trace and no error-level line', () => {
    expect(server.output()).not.toMatch(/^\s+at .+[:(]/m);
    expect(server.output()).not.toMatch(/"stack"/);
    expect(entries().filter((e) => e.level >= 50)).toEqual([]);
  });

  it('logs each expected error as one line at info or warn, starting with its code', () => {
    const logged = entries().filter((e) => e.context === 'GraphQL' || /^[A-Z_]+[: ]/.test(e.msg));
    for (const code of new Set(codesSent)) {
      const mine = logged.filter((e) => e.msg.startsWith(`${code}`));
      expect({ code, count: mine.length > 0 }).toEqual({ code, count: true });
      const level = [
        'UNAUTHENTICATED',
        'FORBIDDEN',
        'QUERY_TOO_COMPLEX',
        'TOO_MANY_REQUESTS',
        'PAYLOAD_TOO_LARGE',
      ].includes(code)
        ? 40
        : 30;
      for (const e of mine) expect({ code, level: e.level }).toEqual({ code, level });
    }
  });

  it('cuts values: no line is longer than a few hundred characters, the whole run a few kB', () => {
    const longest = Math.max(...lines().map((l) => l.length));
    console.log(
      `log: ${lines().length} lines, ${server.output().length} characters, longest line ${longest}`,
    );
    expect(longest).toBeLessThan(1000);
    expect(server.output().length).toBeLessThan(100_000);
  });
});
