/**
 * Starts the real application on an ephemeral port over a temp SQLite file, for end-to-end tests
 * over HTTP. Optionally wraps the store (e.g. to count calls) without replacing the database.
 */
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { createValidationPipe } from '../../src/common/validation';
import { loadConfig } from '../../src/config/app-config';
import { EVIDENCE_STORE, EvidenceStore, StoreCounts } from '../../src/store/evidence-store.port';
import { createStore } from '../../src/store/store.factory';
import { Neo4jProbe } from './neo4j-probe';
import { NEO4J_TEST_URI, neo4jEnabled } from './neo4j-test-server';
import { SqliteProbe, tempDbPath } from './temp-sqlite';

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
  close(): Promise<void>;
}

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }>;
}

export interface TestServer {
  url: string;
  app: INestApplication;
  store: EvidenceStore;
  kind: StoreKind;
  probe: ServerProbe;
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
  } = {},
): Promise<TestServer> {
  const kind = opts.store ?? 'sqlite';
  const { file, cleanup } = tempDbPath();
  process.env.SQLITE_PATH = file;
  process.env.SEED_ON_START = opts.seed === false ? 'false' : 'true';
  let probe: ServerProbe | undefined;
  if (kind === 'neo4j') {
    process.env.NEO4J_URI = opts.neo4jUri ?? NEO4J_TEST_URI;
    const neo = new Neo4jProbe(process.env.NEO4J_URI);
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
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalPipes(createValidationPipe());
  await app.listen(0, '127.0.0.1');
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  const store = app.get<EvidenceStore>(EVIDENCE_STORE);
  if (kind === 'sqlite') probe = new SqliteProbe(file);
  return {
    url,
    app,
    kind,
    store,
    probe: probe!,
    async gql(query, variables, headers = {}) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
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
