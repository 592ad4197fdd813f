/**
 * Medium tests: the real services, wired by Nest from their real modules, over the real SQLite
 * adapter on a temporary file. No HTTP, no Neo4j, no global setup, no mocks of the store. The
 * store is provided the way StoreModule provides it: one store behind every role token.
 */
import { DynamicModule, Global, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Principal } from '../../src/auth/auth.service';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { ClaimsModule } from '../../src/claims/claims.module';
import { CurationModule } from '../../src/curation/curation.module';
import { SourcesModule } from '../../src/sources/sources.module';
import { DomainError } from '../../src/common/domain-error';
import { EvidenceModule } from '../../src/evidence/evidence.module';
import { HistoryModule } from '../../src/history/history.module';
import { WriteContext, bundleAudit } from '../../src/history/revision';
import { ReadScope } from '../../src/read-scope/read-scope';
import { ReviewModule } from '../../src/review/review.module';
import { SearchModule } from '../../src/search/search.module';
import {
  EVIDENCE_STORE,
  EvidenceStore,
  GraphBundle,
  ROLE_TOKENS,
  SNAPSHOT_STORE_FACTORY,
} from '../../src/store/ports';
import { emptyBundle } from '../../src/store/bundle-plan';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store';
import { createSnapshotStore } from '../../src/store/store.factory';
import { tempDbPath } from '../support/temp-sqlite';

@Global()
@Module({})
class MediumStoreModule {
  static over(store: EvidenceStore, env: Record<string, string>): DynamicModule {
    return {
      module: MediumStoreModule,
      providers: [
        { provide: EVIDENCE_STORE, useValue: store },
        ...ROLE_TOKENS.map((token) => ({ provide: token, useExisting: EVIDENCE_STORE })),
        { provide: SNAPSHOT_STORE_FACTORY, useValue: createSnapshotStore },
        { provide: AppConfig, useValue: loadConfig(env) },
      ],
      exports: [EVIDENCE_STORE, ...ROLE_TOKENS, SNAPSHOT_STORE_FACTORY, AppConfig],
    };
  }
}

export interface MediumApp {
  module: TestingModule;
  /** The store under test, for arranging data and looking at what was written. */
  store: EvidenceStore;
  /** A fresh read scope over today's knowledge, as a new request gets. */
  scope(): ReadScope;
  get<T>(type: new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/** The history, review, claims, evidence, sources, curation and search services over a fresh SQLite file. */
export async function mediumApp(env: Record<string, string> = {}): Promise<MediumApp> {
  const { file, cleanup } = tempDbPath();
  const store = createSqliteStore(file);
  await store.init();
  const module = await Test.createTestingModule({
    imports: [
      MediumStoreModule.over(store, env),
      HistoryModule,
      ReviewModule,
      ClaimsModule,
      EvidenceModule,
      SourcesModule,
      CurationModule,
      SearchModule,
    ],
  }).compile();
  await module.init();
  return {
    module,
    store,
    scope: () => new ReadScope(store),
    get: (type) => module.get(type),
    close: async () => {
      await module.close();
      await store.close();
      cleanup();
    },
  };
}

/** Writes records as the seed does: in one transaction, each with its CREATE revision. */
export async function seed(store: EvidenceStore, bundle: Partial<GraphBundle>): Promise<void> {
  const full: GraphBundle = { ...emptyBundle(), ...bundle };
  await store.upsertBundle(full, 'create-missing', bundleAudit({ actor: 'seed' }));
}

export const as = (actor: string, reason: string | null = null): WriteContext => ({
  actor,
  reason,
});

export const editor = (name: string): Principal => ({
  tokenId: `tok-${name}`,
  name,
  role: 'EDITOR',
});
export const admin = (name: string): Principal => ({ tokenId: `tok-${name}`, name, role: 'ADMIN' });

/** Lets the clock move on, so revisions on either side of an instant have distinct times. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** The DomainError a call fails with (the test fails if it succeeds). */
export async function refusal(call: Promise<unknown>): Promise<DomainError> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}
