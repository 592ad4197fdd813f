import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EVIDENCE_STORE, EvidenceStore } from './evidence-store.port';
import { StoreLifecycle } from './store-lifecycle.service';
import { createStore } from './store.factory';

@Global()
@Module({
  providers: [
    {
      provide: EVIDENCE_STORE,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => createStore(config),
    },
    StoreLifecycle,
  ],
  exports: [EVIDENCE_STORE, StoreLifecycle],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVIDENCE_STORE) private readonly store: EvidenceStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
