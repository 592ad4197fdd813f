/**
 * Starts the real application on an ephemeral port over a temp SQLite file, for end-to-end tests
 * over HTTP. Optionally wraps the store (e.g. to count calls) without replacing the database.
 */
import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { configureApp } from '../../src/app.factory';
import { AppModule } from '../../src/app.module';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { EVIDENCE_STORE, EvidenceStore, StoreCounts } from '../../src/store/ports';
import { createStore } from '../../src/store/store.factory';
import { StoreLifecycle } from '../../src/store/store-lifecycle.service';
import { Neo4jProbe } from './neo4j-probe';
import { NEO4J_TEST_URI, neo4jEnabled } from './neo4j-test-server';
import { SqliteProbe, tempDbPath } from './temp-sqlite';
import { AuthService } from '../../src/auth/auth.service';
import { TokenRole } from '../../src/store/ports';

export type StoreKind = 'sqlite' | 'neo4j';

/** The stores this run tests: SQLite always, Neo4j when global setup found or started one. */
export function storeKinds(): StoreKind[] {
  return neo4jEnabled() ? ['sqlite', 'neo4j'] : ['sqlite'];
}

/** Reads the database behind the server directly, without the store under test. */
export interface ServerProbe {
  counts(): Promise<StoreCounts>;
  /** Every stored node and link with all its data, canonically ordered: equal means unchanged. */
  snapshot(): Promise<unknown>;
  /** Revisions stored for one record (any record without an id). */
  revisionCount(entityId?: string): Promise<number>;
  /**
   * A cheap change detector: on Neo4j one query (count, summed versions, latest timestamp per
   * label and relationship type), on SQLite the full snapshot (cheap there).
   */
  fingerprint(): Promise<Record<string, unknown>>;
  /** The stored record (row, node or relationship) with this id, as stored. */
  record(id: string): Promise<Record<string, unknown> | undefined>;
  /** The newest revision of a record, as stored. */
  lastRevision(entityId: string): Promise<Record<string, unknown> | undefined>;
  /**
   * Neo4j: writes to the transaction log seen so far; the same number twice means nothing was
   * committed in between. Undefined where that cannot be known.
   */
  writeCount?(): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }>;
}

/** Bearer secrets issued for every test server, one per role (two editors, for review). */
export interface TestTokens {
  admin: string;
  editor: string;
  editor2: string;
  reader: string;
}

/** Authorization header for a token; `anonymous()` sends none. */
export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
export const anonymous = () => ({ authorization: '' });

export interface TestServer {
  url: string;
  /** Secrets of tokens named admin, editor, editor2 and reader. */
  tokens: TestTokens;
  app: INestApplication;
  store: EvidenceStore;
  kind: StoreKind;
  probe: ServerProbe;
  /** POSTs a GraphQL request; as the `editor` token unless headers carry an authorization. */
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export async function startServer(
  opts: {
    store?: StoreKind;
    seed?: boolean;
    wrapStore?: (s: EvidenceStore) => EvidenceStore;
    /** Another Neo4j than the shared test server; not wiped (it may not even be up yet). */
    neo4jUri?: string;
    /** Environment for this server's start only (e.g. low rate limits, NODE_ENV=production). */
    env?: Record<string, string>;
  } = {},
): Promise<TestServer> {
  const kind = opts.store ?? 'sqlite';
  const { file, cleanup } = tempDbPath();
  process.env.SQLITE_PATH = file;
  process.env.SEED_ON_START = opts.seed === false ? 'false' : 'true';
  let probe: ServerProbe | undefined;
  if (kind === 'neo4j') {
    process.env.NEO4J_URI = opts.neo4jUri ?? NEO4J_TEST_URI;
    const neo = new Neo4jProbe(process.env.NEO4J_URI, { watchWrites: true });
    if (!opts.neo4jUri) await neo.wipe();
    probe = neo;
  } else {
    delete process.env.NEO4J_URI;
  }
  const builder = Test.createTestingModule({ imports: [AppModule] });
  if (opts.wrapStore) {
    builder.overrideProvider(EVIDENCE_STORE).useFactory({
      factory: async () => {
        const real = createStore(loadConfig());
        await real.init();
        return opts.wrapStore!(real);
      },
    });
  }
  // Suites send thousands of requests from 127.0.0.1: rate limits high unless a test sets its own.
  // Quiet logs unless a test asks (a production-mode server would otherwise log at info).
  const env = {
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_TOKEN_PER_MINUTE: '1000000',
    ...opts.env,
  };
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let app: NestExpressApplication;
  try {
    const moduleRef = await builder.compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureApp(app, app.get(AppConfig));
    await app.listen(0, '127.0.0.1');
  } finally {
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  const store = app.get<EvidenceStore>(EVIDENCE_STORE);
  if (kind === 'sqlite') probe = new SqliteProbe(file);
  const auth = new AuthService(store);
  const issue = async (name: string, role: TokenRole) =>
    (await auth.createToken(name, role, { actor: 'test-setup' })).secret;
  const issueAll = async (): Promise<TestTokens> => ({
    admin: await issue('admin', 'ADMIN'),
    editor: await issue('editor', 'EDITOR'),
    editor2: await issue('editor2', 'EDITOR'),
    reader: await issue('reader', 'READER'),
  });
  // A server started while its database is down (outage tests) gets its tokens on first use:
  // trying now would only wait out the driver's retries.
  const storeOpen = app.get(StoreLifecycle, { strict: false }).opened;
  let tokens: TestTokens | null = storeOpen ? await issueAll().catch(() => null) : null;
  const ensureTokens = async () => (tokens ??= await issueAll().catch(() => null));
  return {
    url,
    app,
    kind,
    store,
    probe: probe!,
    get tokens() {
      if (!tokens) throw new Error('tokens not issued yet: the store was down at start');
      return tokens;
    },
    async gql(query, variables, headers = {}) {
      // While the store is down no token can be issued: the request goes out anonymous.
      const issued = 'authorization' in headers ? null : await ensureTokens();
      const auth = issued ? bearer(issued.editor) : {};
      const sent = Object.fromEntries(
        Object.entries({ ...auth, ...headers }).filter(([, v]) => v !== ''),
      );
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...sent },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResult;
      return { status: res.status, data: body.data, errors: body.errors };
    },
    async close() {
      await probe!.close();
      await app.close();
      cleanup();
    },
  };
}

/** Code point slice, independent of the code under test. */
export function slice(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('');
}
