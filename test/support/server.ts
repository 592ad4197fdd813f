/**
 * Starts the real application on an ephemeral port over a temp SQLite file, for end-to-end tests
 * over HTTP. Optionally wraps the store (e.g. to count calls) without replacing the database.
 */
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { createValidationPipe } from '../../src/common/validation';
import { loadConfig } from '../../src/config/app-config';
import { EVIDENCE_STORE, EvidenceStore } from '../../src/store/evidence-store.port';
import { createStore } from '../../src/store/store.factory';
import { SqliteProbe, tempDbPath } from './temp-sqlite';

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }>;
}

export interface TestServer {
  url: string;
  app: INestApplication;
  store: EvidenceStore;
  probe: SqliteProbe;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export async function startServer(
  opts: { seed?: boolean; wrapStore?: (s: EvidenceStore) => EvidenceStore } = {},
): Promise<TestServer> {
  const { file, cleanup } = tempDbPath();
  process.env.SQLITE_PATH = file;
  process.env.SEED_ON_START = opts.seed === false ? 'false' : 'true';
  delete process.env.NEO4J_URI;
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
  const probe = new SqliteProbe(file);
  return {
    url,
    app,
    store,
    probe,
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
      await probe.close();
      await app.close();
      cleanup();
    },
  };
}

/** Code point slice, independent of the code under test. */
export function slice(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('');
}
