import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { StoreLifecycle } from '../store/store-lifecycle.service';
import { STORE_ADMIN, StoreAdmin, UpsertMode, UpsertResult } from '../store/ports';
import { loadCuration, SEED_WRITER, SEEDS_DIR } from './curation';
import { bundleAudit } from '../history/revision';

@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @Inject(STORE_ADMIN)
    private readonly store: Pick<StoreAdmin, 'kind' | 'counts' | 'upsertBundle'>,
    private readonly config: AppConfig,
    private readonly lifecycle: StoreLifecycle,
  ) {}

  /**
   * A fresh store is seeded on first start, so `npm start` serves the knowledge base at once. When
   * the store opens later (Neo4j was down), seeding follows as soon as it does.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_ON_START) return;
    if (this.lifecycle.opened) await this.seedIfEmpty();
    else
      void this.lifecycle.ready
        .then(() => this.seedIfEmpty())
        .catch((err) => this.logger.error(`Seeding failed: ${err}`));
  }

  private async seedIfEmpty(): Promise<void> {
    const counts = await this.store.counts();
    if (Object.values(counts).some((n) => n > 0)) return;
    const result = await this.seed();
    this.logger.log(`Seeded an empty ${this.store.kind} store: ${result.created} records created`);
  }

  /** Loads the curated seeds in one transaction; re-running creates nothing new. */
  async seed(mode: UpsertMode = 'create-missing', dir: string = SEEDS_DIR): Promise<UpsertResult> {
    return this.store.upsertBundle(loadCuration(dir), mode, bundleAudit(SEED_WRITER));
  }
}
