/**
 * The one connection every SQLite area file goes through: opening and migrating the file, the
 * prepared-statement cache, the transaction helper with error translation, and the low-level
 * helpers several areas share (node registry, search index, labels, revisions, compare-and-set).
 *
 * better-sqlite3 is synchronous: a transaction runs start to finish without yielding, so work
 * done inside `write` (reads included) sees no other write of this connection in between.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'fs';
import { dirname } from 'path';
import { normaliseName } from '../../common/text';
import type { NodeType } from '../../graphql.schema';
import {
  Audit,
  MissingReferenceError,
  NodeRecords,
  UniqueViolationError,
  VersionedWrite,
} from '../ports';
import { searchableText, stemsOnly, wordsOnly } from '../searchable-text';
import { MIGRATIONS } from './sqlite.migrations';
import { revisionParams, Row } from './sqlite.rows';

/** Tables whose rows carry a version for compare-and-set writes. */
export type VersionedTable =
  | 'claims'
  | 'evidence_gaps'
  | 'statements'
  | 'evidence_links'
  | 'study_notices'
  | 'conditions'
  | 'mechanisms'
  | 'studies';

/** A compare-and-set change to one row: which row, from which version, when, and what it sets. */
export interface VersionedChange {
  id: string;
  expectedVersion: number;
  at: string;
  /** SQL assignments over @-named `params`; updated_at and version are set by the update itself. */
  set: string;
  params: Record<string, unknown>;
}

export class SqliteExecutor {
  private db!: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** Write transactions run through this connection (data_version does not count them). */
  private commits = 0;

  constructor(private readonly file: string) {}

  /** Opens the file (WAL, foreign keys on) and applies pending migrations. */
  open(): void {
    if (this.file !== ':memory:') mkdirSync(dirname(this.file), { recursive: true });
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // SQLite's lower() folds only A-Z; titles are searched with Unicode case folding, as in Neo4j.
    this.db.function('ulower', { deterministic: true }, (v: unknown) =>
      typeof v === 'string' ? v.toLowerCase() : v,
    );
    this.migrate();
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    for (const m of MIGRATIONS.filter((x) => x.version > current)) {
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.pragma(`user_version = ${m.version}`);
      })();
    }
  }

  close(): void {
    if (this.db?.open) this.db.close();
  }

  /** Prepared once per SQL text: preparing is the costly part of a small query. */
  sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  /** Rows whose column is in the list; one statement whatever the list size (json_each). */
  byIds(sql: string, ids: readonly string[]): Row[] {
    if (ids.length === 0) return [];
    return this.sql(sql).all(JSON.stringify([...new Set(ids)])) as Row[];
  }

  /** Whole rows of a table by id. */
  rowsByIds(table: string, ids: readonly string[]): Row[] {
    return this.byIds(`SELECT * FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`, ids);
  }

  /** Whole rows of a table whose column holds one of the values, in `orderBy` order. */
  rowsWhereIn(table: string, column: string, values: readonly string[], orderBy: string): Row[] {
    return this.byIds(
      `SELECT * FROM ${table} WHERE ${column} IN (SELECT value FROM json_each(?)) ORDER BY ${orderBy}`,
      values,
    );
  }

  /**
   * Runs fn in one transaction, so a write applies whole or not at all; SQLite constraint failures
   * surface as the port's typed errors.
   */
  write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (err) {
      throw translate(err);
    } finally {
      this.commits++; // a rolled-back write changed nothing: counting it only costs a cache miss
    }
  }

  /**
   * The store clock: changes whenever a write commits, through this connection (counted by
   * write) or any other (SQLite's data_version: another worker, a CLI), so a read cached under
   * one value is still current while the clock reads the same.
   */
  clock(): string {
    return `${this.db.pragma('data_version', { simple: true }) as number}:${this.commits}`;
  }

  /** The common write: fn's statements, then their revisions, in one transaction. */
  writeAudited(audit: Audit | undefined, fn: () => void): void {
    this.write(() => {
      fn();
      this.audit(audit);
    });
  }

  /** Inside a transaction: foreign keys are checked at commit rather than per statement. */
  deferForeignKeys(): void {
    this.db.pragma('defer_foreign_keys = ON');
  }

  /** Every node's id is registered once with its type: ids are unique across the graph. */
  registerNode(id: string, type: NodeType): void {
    this.sql('INSERT INTO nodes (id, type) VALUES (?, ?)').run(id, type);
  }

  /**
   * (Re)indexes a node's searchable text (../searchable-text.ts). Search rows share the node's
   * rowid, so replacing one is a keyed delete, not a scan.
   */
  index<T extends NodeType>(type: T, record: NodeRecords[T]): void {
    const { label, body } = searchableText(type, record);
    this.unindex(record.id);
    this.sql(
      `INSERT INTO search_index (rowid, id, type, label, body, label_words, body_words, stems)
       VALUES ((SELECT rowid FROM nodes WHERE id = ?), ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      record.id,
      record.id,
      type,
      label,
      body,
      wordsOnly(label),
      wordsOnly(body),
      stemsOnly(`${label} ${body}`),
    );
  }

  unindex(id: string): void {
    this.sql('DELETE FROM search_index WHERE rowid = (SELECT rowid FROM nodes WHERE id = ?)').run(
      id,
    );
  }

  /** The normalised names and synonyms a vocabulary entry is found by (exact and substring). */
  setLabels(ownerId: string, labels: string[]): void {
    this.sql('DELETE FROM labels WHERE owner_id = ?').run(ownerId);
    const ins = this.sql('INSERT OR IGNORE INTO labels (owner_id, label) VALUES (?, ?)');
    for (const l of labels) ins.run(ownerId, normaliseName(l));
  }

  /** Writes revisions inside the caller's transaction. */
  audit(revisions: Audit | undefined): void {
    for (const v of revisions ?? []) {
      this.sql(
        `INSERT INTO revisions (id, entity_id, entity_kind, action, before, after, actor, at, reason, revert_of)
         VALUES (@id, @entityId, @entityKind, @action, @before, @after, @actor, @at, @reason, @revertOf)`,
      ).run(revisionParams(v));
    }
  }

  /**
   * Compare-and-set in one transaction: the row is updated (and its version bumped) only while it
   * is at expectedVersion; zero rows changed means someone else won. `alsoWrite` runs after a
   * successful update, in the same transaction. On success the record is reloaded after the commit.
   */
  versioned<T>(
    table: VersionedTable,
    change: VersionedChange,
    reload: () => T[],
    audit: Audit | undefined,
    alsoWrite?: () => void,
  ): VersionedWrite<T> {
    const { id, expectedVersion, at, set, params } = change;
    const result = this.write((): VersionedWrite<null> => {
      const cur = this.sql(`SELECT version FROM ${table} WHERE id = ?`).get(id) as
        { version: number } | undefined;
      if (!cur) return { ok: false, reason: 'NOT_FOUND' };
      const changed = this.sql(
        `UPDATE ${table} SET ${set}, updated_at = @at, version = version + 1
         WHERE id = @id AND version = @expectedVersion`,
      ).run({ ...params, id, expectedVersion, at }).changes;
      if (changed === 0) return { ok: false, reason: 'CONFLICT', currentVersion: cur.version };
      alsoWrite?.();
      this.audit(audit);
      return { ok: true, record: null };
    });
    return result.ok ? { ok: true, record: reload()[0] } : result;
  }
}

/** A WHERE clause built criterion by criterion, so each condition and its parameter go together. */
export class Where {
  private readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  /** Adds a condition with one `?` for value; an undefined value is a criterion not asked for. */
  and(condition: string, value: unknown): void {
    if (value === undefined) return;
    this.conditions.push(condition);
    this.params.push(value);
  }

  /** `WHERE … AND …`, or nothing when no criterion was given. */
  get sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** Translates SQLite constraint failures into the port's typed errors. */
function translate(err: unknown): unknown {
  const e = err as { code?: string; message?: string };
  if (e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    const m = /UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)/.exec(e.message ?? '');
    const columns = m?.[1] ?? 'id';
    if (columns.includes('studies.doi')) return new UniqueViolationError('doi', null);
    if (columns.includes('studies.pmid')) return new UniqueViolationError('pmid', null);
    if (columns.includes('evidence_links.study_id'))
      return new UniqueViolationError('studyId,claimId', null);
    return new UniqueViolationError('id', null);
  }
  if (e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return new MissingReferenceError('reference');
  return err;
}
