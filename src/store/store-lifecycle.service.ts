import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig, ConfigError } from '../config/app-config';
import { EVIDENCE_STORE, EvidenceStore } from './ports';

const FIRST_RETRY_MS = 1_000;
/** Error codes (Node's file system, SQLite's) that mean SQLITE_PATH cannot hold the database. */
const FILE_PROBLEM =
  /^(E(NOENT|ACCES|PERM|NOTDIR|ISDIR|ROFS|NOSPC)|SQLITE_(CANTOPEN|READONLY|NOTADB|PERM|IOERR|CORRUPT|FULL))/;

/**
 * Opens the store. The embedded store must open or the process stops. A network store (Neo4j) may
 * be down when the API starts: the API then serves anyway (queries answer SERVICE_UNAVAILABLE),
 * says so clearly, and keeps retrying with exponential backoff until the database answers.
 */
@Injectable()
export class StoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Store');
  private resolveReady!: () => void;
  private stopped = false;
  private isReady = false;
  /** Resolves once the store is initialised (constraints, indexes, migrations). */
  readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));

  constructor(
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
    private readonly config: AppConfig,
  ) {}

  get opened(): boolean {
    return this.isReady;
  }

  async onModuleInit(): Promise<void> {
    if (this.store.kind === 'sqlite') {
      try {
        await this.store.init();
      } catch (err) {
        // The path: a folder that cannot be made, a file that cannot be written or is no database.
        // Anything else is unexpected and keeps its stack.
        if (!FILE_PROBLEM.test(String((err as { code?: unknown }).code))) throw err;
        throw new ConfigError(
          `SQLITE_PATH=${JSON.stringify(this.config.SQLITE_PATH)} cannot be opened as a writable database file at ${this.config.sqliteFile} (${(err as Error).message}). Set SQLITE_PATH to a file in a folder this process may write.`,
        );
      }
      this.markReady();
      return;
    }
    if (await this.attempt(1)) return;
    void this.retry();
  }

  private async retry(): Promise<void> {
    const max = this.config.NEO4J_RECONNECT_MAX_MS;
    let delay = Math.min(FIRST_RETRY_MS, max);
    for (let attempt = 2; !this.stopped; attempt++) {
      await new Promise((r) => setTimeout(r, delay).unref());
      if (this.stopped || (await this.attempt(attempt, Math.min(delay * 2, max)))) return;
      delay = Math.min(delay * 2, max);
    }
  }

  private async attempt(
    n: number,
    nextDelay = Math.min(FIRST_RETRY_MS, this.config.NEO4J_RECONNECT_MAX_MS),
  ): Promise<boolean> {
    try {
      await this.store.init();
      if (n > 1)
        this.logger.log(`Connected to Neo4j at ${this.config.NEO4J_URI} after ${n} attempts`);
      this.markReady();
      return true;
    } catch (err) {
      this.logger.warn(
        `Neo4j at ${this.config.NEO4J_URI} is not reachable (${(err as Error).message}). ` +
          `Serving anyway: queries answer SERVICE_UNAVAILABLE until it is. Retrying in ${nextDelay / 1000} s (attempt ${n}).`,
      );
      return false;
    }
  }

  private markReady(): void {
    this.isReady = true;
    this.resolveReady();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }
}
