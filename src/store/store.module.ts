import { Global, Inject, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { registerReportCache } from '../read-scope/report-cache';
import { EVIDENCE_STORE, EvidenceStore, ROLE_TOKENS, SNAPSHOT_STORE_FACTORY } from './ports';
import { StoreLifecycle } from './store-lifecycle.service';
import { createSnapshotStore, createStore } from './store.factory';

/** Every role port resolves to the one store the factory built; services inject only their roles. */
const roles: Provider[] = ROLE_TOKENS.map((token) => ({
  provide: token,
  useExisting: EVIDENCE_STORE,
}));

@Global()
@Module({
  providers: [
    {
      provide: EVIDENCE_STORE,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const store = createStore(config);
        registerReportCache(store, config.REPORT_CACHE_MB * 1_000_000);
        return store;
      },
    },
    ...roles,
    { provide: SNAPSHOT_STORE_FACTORY, useValue: createSnapshotStore },
    StoreLifecycle,
  ],
  exports: [EVIDENCE_STORE, ...ROLE_TOKENS, SNAPSHOT_STORE_FACTORY, StoreLifecycle],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVIDENCE_STORE) private readonly store: EvidenceStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
