import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { StoreCounts } from '../../src/store/evidence-store.port';

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

/** Raw SQL on its own connection: an independent look at what the store really wrote. */
export class SqliteProbe {
  private readonly db: Database.Database;

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
    return row?.[name];
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

  async snapshot(): Promise<unknown> {
    const tables = (
      this.db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_index%' ORDER BY name",
        )
        .all() as Array<{ name: string }>
    ).map((t) => t.name);
    return Object.fromEntries(
      tables.map((t) => [t, this.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]),
    );
  }

  /** Any SQL, for tests that compare whole tables. */
  all(sql: string, ...params: unknown[]): Record<string, unknown>[] {
    return this.db.prepare(sql).all(...params) as Record<string, unknown>[];
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
