import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { StoreCounts } from '../../src/store/ports';

/** A fresh temp folder per test; removed afterwards. */
export function tempDbPath(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-test-'));
  return {
    file: join(dir, 'evidence.db'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const TABLES: Record<keyof StoreCounts, string> = {
  sources: 'sources',
  statements: 'statements',
  claims: 'claims',
  conditions: 'conditions',
  mechanisms: 'mechanisms',
  interventions: 'interventions',
  studies: 'studies',
  evidence: 'evidence_links',
  gaps: 'evidence_gaps',
  notices: 'study_notices',
  citations: 'citations',
};

/** Tables that hold records with an id column. */
const RECORD_TABLES = [
  'sources',
  'statements',
  'claims',
  'studies',
  'evidence_links',
  'evidence_gaps',
  'conditions',
  'mechanisms',
  'interventions',
  'study_notices',
  'citations',
  'api_tokens',
];

/** Raw SQL on its own connection: an independent look at what the store really wrote. */
export class SqliteProbe {
  private readonly db: Database.Database;
  private cached: { version: number; snapshot: unknown } | null = null;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
  }

  async counts(): Promise<StoreCounts> {
    const out = {} as StoreCounts;
    for (const [k, table] of Object.entries(TABLES)) {
      out[k as keyof StoreCounts] = (
        this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }
      ).n;
    }
    return out;
  }

  async property(id: string, name: string): Promise<unknown> {
    const type = (
      this.db.prepare('SELECT type FROM nodes WHERE id = ?').get(id) as { type: string } | undefined
    )?.type;
    if (!type) return undefined;
    const table = {
      SOURCE: 'sources',
      STATEMENT: 'statements',
      CLAIM: 'claims',
      CONDITION: 'conditions',
      MECHANISM: 'mechanisms',
      INTERVENTION: 'interventions',
      STUDY: 'studies',
      EVIDENCE_GAP: 'evidence_gaps',
    }[type]!;
    const row = this.db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as
      Record<string, unknown> | undefined;
    // Columns are the fields' names in snake_case.
    return row?.[name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
  }

  async revisionCount(entityId?: string): Promise<number> {
    const row = (
      entityId
        ? this.db.prepare('SELECT count(*) AS n FROM revisions WHERE entity_id = ?').get(entityId)
        : this.db.prepare('SELECT count(*) AS n FROM revisions').get()
    ) as { n: number };
    return row.n;
  }

  async tokens(): Promise<Array<{ id: string; hash: string }>> {
    return this.db.prepare('SELECT id, hash FROM api_tokens ORDER BY id').all() as Array<{
      id: string;
      hash: string;
    }>;
  }

  /**
   * Every table (the search index aside), every row, ordered. Read-only: while no other connection
   * has committed since the last call (SQLite's data_version says so exactly), the same object is
   * returned again instead of reading every table anew.
   */
  async snapshot(): Promise<unknown> {
    const version = this.dataVersion();
    if (this.cached && this.cached.version === version) return this.cached.snapshot;
    const tables = (
      this.db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_index%' ORDER BY name",
        )
        .all() as Array<{ name: string }>
    ).map((t) => t.name);
    const snapshot = Object.fromEntries(
      tables.map((t) => [t, this.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]),
    );
    this.cached = { version, snapshot };
    return snapshot;
  }

  /** Changes whenever another connection (the server) commits to the file: PRAGMA data_version. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** The change detector the Neo4j probe makes cheap; here the full snapshot is cheap already. */
  async fingerprint(): Promise<Record<string, unknown>> {
    return { snapshot: await this.snapshot() };
  }

  /** The stored row with this id, from any table of records (revisions and the nodes index aside). */
  async record(id: string): Promise<Record<string, unknown> | undefined> {
    for (const table of RECORD_TABLES) {
      const row = this.db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id);
      if (row) return row as Record<string, unknown>;
    }
    return undefined;
  }

  /** The newest revision of a record. */
  async lastRevision(entityId: string): Promise<Record<string, unknown> | undefined> {
    return this.db
      .prepare('SELECT * FROM revisions WHERE entity_id = ? ORDER BY seq DESC LIMIT 1')
      .get(entityId) as Record<string, unknown> | undefined;
  }

  /** Any SQL, for tests that compare whole tables. */
  all(sql: string, ...params: unknown[]): Record<string, unknown>[] {
    return this.db.prepare(sql).all(...params) as Record<string, unknown>[];
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
