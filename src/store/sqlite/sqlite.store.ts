import Database from 'better-sqlite3';
import { mkdirSync } from 'fs';
import { dirname } from 'path';
import { normaliseLabel } from '../../common/text';
import { EdgeType, NodeType, ReviewStatus } from '../../graphql.schema';
import {
  Audit,
  BundleAudit,
  CitationRecord,
  ClaimPatch,
  ClaimQuery,
  ClaimRecord,
  ConditionRecord,
  DescendantRef,
  EvidenceLinkRecord,
  EvidenceStore,
  GapPatch,
  GraphEdgeRecord,
  GraphFilter,
  GapRecord,
  GraphBundle,
  InterventionRecord,
  LabelledRef,
  MechanismRecord,
  MissingReferenceError,
  NoticeRecord,
  Page,
  PageResult,
  RecordKind,
  RetractionRecord,
  ReviewedKind,
  RevisionRecord,
  SearchHitRecord,
  SearchQuery,
  SourceRecord,
  StatementRecord,
  StoreCounts,
  StudyQuery,
  StudyRecord,
  TokenRecord,
  UniqueViolationError,
  UpsertMode,
  UpsertResult,
  VersionedWrite,
} from '../evidence-store.port';
import { planBundle } from '../bundle-plan';
import { insertStudyNamingHolder } from '../study-holder';
import { MIGRATIONS } from './sqlite.migrations';
import * as rows from './sqlite.rows';

type Row = Record<string, unknown>;

const SCAN_TABLES: Record<RecordKind, string> = {
  sources: 'sources',
  interventions: 'interventions',
  conditions: 'conditions',
  mechanisms: 'mechanisms',
  claims: 'claims',
  statements: 'statements',
  studies: 'studies',
  evidence: 'evidence_links',
  gaps: 'evidence_gaps',
  notices: 'study_notices',
  citations: 'citations',
};

/**
 * The embedded store: one SQLite file (WAL, foreign keys on), versioned migrations, FTS5 search.
 * better-sqlite3 is synchronous; every write method wraps its statements in db.transaction so it
 * applies whole or not at all.
 */
export class SqliteStore implements EvidenceStore {
  readonly kind = 'sqlite' as const;
  private db!: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly file: string) {}

  async init(): Promise<void> {
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

  /** The raw connection, for tests' independent probes and the store-copy tool. */
  get connection(): Database.Database {
    return this.db;
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

  async close(): Promise<void> {
    if (this.db?.open) this.db.close();
  }

  async ping(): Promise<void> {
    this.sql('SELECT 1').get();
  }

  async counts(): Promise<StoreCounts> {
    const c = (table: string) =>
      (this.sql(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      sources: c('sources'),
      statements: c('statements'),
      claims: c('claims'),
      conditions: c('conditions'),
      mechanisms: c('mechanisms'),
      interventions: c('interventions'),
      studies: c('studies'),
      evidence: c('evidence_links'),
      gaps: c('evidence_gaps'),
      notices: c('study_notices'),
      citations: c('citations'),
    };
  }

  // --- helpers ------------------------------------------------------------------------------

  /** Prepared once per SQL text: preparing is the costly part of a small query. */
  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  /** Rows whose column is in the list; one statement whatever the list size (json_each). */
  private byIds(sql: string, ids: readonly string[]): Row[] {
    if (ids.length === 0) return [];
    return this.sql(sql).all(JSON.stringify([...new Set(ids)])) as Row[];
  }

  private linkIds(
    table: 'claim_conditions' | 'claim_mechanisms',
    column: string,
    claimIds: string[],
  ): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const r of this.byIds(
      `SELECT claim_id, ${column} AS other FROM ${table} WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY claim_id, position`,
      claimIds,
    )) {
      const list = out.get(r.claim_id as string) ?? [];
      list.push(r.other as string);
      out.set(r.claim_id as string, list);
    }
    return out;
  }

  /** Translates SQLite constraint failures into the port's typed errors. */
  private write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (err) {
      throw this.translate(err);
    }
  }

  private translate(err: unknown): unknown {
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

  private registerNode(id: string, type: NodeType): void {
    this.sql('INSERT INTO nodes (id, type) VALUES (?, ?)').run(id, type);
  }

  /** Search rows share the node's rowid, so replacing one is a keyed delete, not a scan. */
  private index(id: string, type: NodeType, label: string, body: string): void {
    this.unindex(id);
    this.sql(
      'INSERT INTO search_index (rowid, id, type, label, body) VALUES ((SELECT rowid FROM nodes WHERE id = ?), ?, ?, ?, ?)',
    ).run(id, id, type, label, body);
  }

  private unindex(id: string): void {
    this.sql('DELETE FROM search_index WHERE rowid = (SELECT rowid FROM nodes WHERE id = ?)').run(
      id,
    );
  }

  private setLabels(ownerId: string, labels: string[]): void {
    this.sql('DELETE FROM labels WHERE owner_id = ?').run(ownerId);
    const ins = this.sql('INSERT OR IGNORE INTO labels (owner_id, label) VALUES (?, ?)');
    for (const l of labels) ins.run(ownerId, normaliseLabel(l));
  }

  // --- generic ------------------------------------------------------------------------------

  async nodeTypes(ids: readonly string[]): Promise<Map<string, NodeType>> {
    const out = new Map<string, NodeType>();
    for (const r of this.byIds(
      'SELECT id, type FROM nodes WHERE id IN (SELECT value FROM json_each(?))',
      ids,
    )) {
      out.set(r.id as string, r.type as NodeType);
    }
    return out;
  }

  // --- sources and statements ---------------------------------------------------------------

  async getSources(ids: readonly string[]): Promise<SourceRecord[]> {
    return this.byIds(
      'SELECT * FROM sources WHERE id IN (SELECT value FROM json_each(?))',
      ids,
    ).map(rows.source);
  }

  async listSources(): Promise<SourceRecord[]> {
    return (this.sql('SELECT * FROM sources ORDER BY title, id').all() as Row[]).map(rows.source);
  }

  async getStatements(ids: readonly string[]): Promise<StatementRecord[]> {
    return this.byIds(
      'SELECT * FROM statements WHERE id IN (SELECT value FROM json_each(?))',
      ids,
    ).map(rows.statement);
  }

  async statementsBySources(sourceIds: readonly string[]): Promise<StatementRecord[]> {
    return this.byIds(
      'SELECT * FROM statements WHERE source_id IN (SELECT value FROM json_each(?)) ORDER BY source_id, start, id',
      sourceIds,
    ).map(rows.statement);
  }

  async statementsByClaims(claimIds: readonly string[]): Promise<StatementRecord[]> {
    return this.byIds(
      'SELECT * FROM statements WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY claim_id, source_id, start, id',
      claimIds,
    ).map(rows.statement);
  }

  // --- claims -------------------------------------------------------------------------------

  async getClaims(ids: readonly string[]): Promise<ClaimRecord[]> {
    const found = this.byIds(
      'SELECT * FROM claims WHERE id IN (SELECT value FROM json_each(?))',
      ids,
    );
    const claimIds = found.map((r) => r.id as string);
    const conds = this.linkIds('claim_conditions', 'condition_id', claimIds);
    const mechs = this.linkIds('claim_mechanisms', 'mechanism_id', claimIds);
    return found.map((r) =>
      rows.claim(r, conds.get(r.id as string) ?? [], mechs.get(r.id as string) ?? []),
    );
  }

  async findClaimIds(q: ClaimQuery): Promise<string[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.conditionIds) {
      where.push(
        'c.id IN (SELECT claim_id FROM claim_conditions WHERE condition_id IN (SELECT value FROM json_each(?)))',
      );
      params.push(JSON.stringify(q.conditionIds));
    }
    if (q.mechanismIds) {
      where.push(
        'c.id IN (SELECT claim_id FROM claim_mechanisms WHERE mechanism_id IN (SELECT value FROM json_each(?)))',
      );
      params.push(JSON.stringify(q.mechanismIds));
    }
    if (q.sourceId !== undefined) {
      where.push('c.id IN (SELECT claim_id FROM statements WHERE source_id = ?)');
      params.push(q.sourceId);
    }
    if (q.hedging !== undefined) {
      where.push('c.id IN (SELECT claim_id FROM statements WHERE hedging = ?)');
      params.push(q.hedging);
    }
    if (q.kind !== undefined) {
      where.push('c.kind = ?');
      params.push(q.kind);
    }
    const sql = `SELECT c.id FROM claims c ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id`;
    return (this.sql(sql).all(...params) as Row[]).map((r) => r.id as string);
  }

  // --- vocabulary ---------------------------------------------------------------------------

  private broaderOf(ids: string[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const r of this.byIds(
      'SELECT narrower_id, broader_id FROM condition_broader WHERE narrower_id IN (SELECT value FROM json_each(?)) ORDER BY narrower_id, broader_id',
      ids,
    )) {
      const list = out.get(r.narrower_id as string) ?? [];
      list.push(r.broader_id as string);
      out.set(r.narrower_id as string, list);
    }
    return out;
  }

  private conditionsFromRows(found: Row[]): ConditionRecord[] {
    const broader = this.broaderOf(found.map((r) => r.id as string));
    return found.map((r) => rows.condition(r, broader.get(r.id as string) ?? []));
  }

  async getConditions(ids: readonly string[]): Promise<ConditionRecord[]> {
    return this.conditionsFromRows(
      this.byIds('SELECT * FROM conditions WHERE id IN (SELECT value FROM json_each(?))', ids),
    );
  }

  async listConditions(page: Page, search?: string): Promise<PageResult<ConditionRecord>> {
    const filter = search
      ? `WHERE c.id IN (SELECT owner_id FROM labels WHERE instr(label, ?) > 0)`
      : '';
    const filterParams = search ? [normaliseLabel(search)] : [];
    const total = (
      this.sql(`SELECT count(*) AS n FROM conditions c ${filter}`).get(...filterParams) as {
        n: number;
      }
    ).n;
    const after = page.after
      ? `${filter ? 'AND' : 'WHERE'} (lower(c.name), c.id) > (SELECT lower(name), id FROM conditions WHERE id = ?)`
      : '';
    const afterParams = page.after ? [page.after] : [];
    const found = this.sql(
      `SELECT c.* FROM conditions c ${filter} ${after} ORDER BY lower(c.name), c.id LIMIT ?`,
    ).all(...filterParams, ...afterParams, page.limit + 1) as Row[];
    return {
      items: this.conditionsFromRows(found.slice(0, page.limit)),
      totalCount: total,
      hasNextPage: found.length > page.limit,
    };
  }

  async findConditionsByLabel(label: string): Promise<ConditionRecord[]> {
    const found = this.sql(
      'SELECT c.* FROM conditions c WHERE c.id IN (SELECT owner_id FROM labels WHERE label = ?) ORDER BY c.id',
    ).all(normaliseLabel(label)) as Row[];
    return this.conditionsFromRows(found);
  }

  async conditionLabels(): Promise<LabelledRef[]> {
    return (this.sql('SELECT id, name, synonyms FROM conditions ORDER BY id').all() as Row[]).map(
      (r) => ({
        id: r.id as string,
        name: r.name as string,
        synonyms: JSON.parse(r.synonyms as string) as string[],
      }),
    );
  }

  async narrowerConditions(rootIds: readonly string[], maxDepth: number): Promise<DescendantRef[]> {
    if (rootIds.length === 0) return [];
    // Recursive CTE bounded by depth; UNION (not ALL) stops cycles, MIN(depth) keeps the shortest.
    const found = this.sql(
      `WITH RECURSIVE down(id, depth) AS (
           SELECT value, 0 FROM json_each(?)
           UNION
           SELECT b.narrower_id, d.depth + 1 FROM condition_broader b JOIN down d ON b.broader_id = d.id
           WHERE d.depth < ?
         )
         SELECT id, MIN(depth) AS depth FROM down
         WHERE id NOT IN (SELECT value FROM json_each(?))
         GROUP BY id ORDER BY depth, id`,
    ).all(JSON.stringify(rootIds), maxDepth, JSON.stringify(rootIds)) as Row[];
    return found.map((r) => ({ id: r.id as string, depth: r.depth as number }));
  }

  async narrowerPairs(parentIds: readonly string[]): Promise<Array<[string, string]>> {
    return this.byIds(
      'SELECT broader_id, narrower_id FROM condition_broader WHERE broader_id IN (SELECT value FROM json_each(?)) ORDER BY broader_id, narrower_id',
      parentIds,
    ).map((r) => [r.broader_id as string, r.narrower_id as string]);
  }

  async getMechanisms(ids: readonly string[]): Promise<MechanismRecord[]> {
    return this.byIds(
      'SELECT * FROM mechanisms WHERE id IN (SELECT value FROM json_each(?))',
      ids,
    ).map(rows.mechanism);
  }

  async listMechanisms(): Promise<MechanismRecord[]> {
    return (this.sql('SELECT * FROM mechanisms ORDER BY lower(name), id').all() as Row[]).map(
      rows.mechanism,
    );
  }

  async findMechanismsByLabel(label: string): Promise<MechanismRecord[]> {
    return (
      this.sql(
        'SELECT m.* FROM mechanisms m WHERE m.id IN (SELECT owner_id FROM labels WHERE label = ?) ORDER BY m.id',
      ).all(normaliseLabel(label)) as Row[]
    ).map(rows.mechanism);
  }

  async getInterventions(ids: readonly string[]): Promise<InterventionRecord[]> {
    return this.byIds(
      'SELECT * FROM interventions WHERE id IN (SELECT value FROM json_each(?))',
      ids,
    ).map(rows.intervention);
  }

  async listInterventions(): Promise<InterventionRecord[]> {
    return (this.sql('SELECT * FROM interventions ORDER BY lower(name), id').all() as Row[]).map(
      rows.intervention,
    );
  }

  // --- studies and evidence -----------------------------------------------------------------

  async getStudies(ids: readonly string[]): Promise<StudyRecord[]> {
    return this.byIds(
      'SELECT * FROM studies WHERE id IN (SELECT value FROM json_each(?))',
      ids,
    ).map(rows.study);
  }

  async findStudyByDoi(doi: string): Promise<StudyRecord | null> {
    const r = this.sql('SELECT * FROM studies WHERE doi = ?').get(doi) as Row | undefined;
    return r ? rows.study(r) : null;
  }

  async findStudyByPmid(pmid: string): Promise<StudyRecord | null> {
    const r = this.sql('SELECT * FROM studies WHERE pmid = ?').get(pmid) as Row | undefined;
    return r ? rows.study(r) : null;
  }

  async listStudies(page: Page, q: StudyQuery): Promise<PageResult<StudyRecord>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.design !== undefined) {
      where.push('design = ?');
      params.push(q.design);
    }
    if (q.yearFrom !== undefined) {
      where.push('year >= ?');
      params.push(q.yearFrom);
    }
    if (q.yearTo !== undefined) {
      where.push('year <= ?');
      params.push(q.yearTo);
    }
    if (q.retracted !== undefined) {
      where.push('retracted = ?');
      params.push(q.retracted ? 1 : 0);
    }
    if (q.titleContains) {
      where.push('instr(ulower(title), ?) > 0');
      params.push(q.titleContains.toLowerCase());
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.sql(`SELECT count(*) AS n FROM studies ${filter}`).get(...params) as { n: number }
    ).n;
    const after = page.after ? `${filter ? 'AND' : 'WHERE'} id > ?` : '';
    const found = this.sql(`SELECT * FROM studies ${filter} ${after} ORDER BY id LIMIT ?`).all(
      ...params,
      ...(page.after ? [page.after] : []),
      page.limit + 1,
    ) as Row[];
    return {
      items: found.slice(0, page.limit).map(rows.study),
      totalCount: total,
      hasNextPage: found.length > page.limit,
    };
  }

  async getEvidenceLinks(ids: readonly string[]): Promise<EvidenceLinkRecord[]> {
    return this.byIds(
      'SELECT * FROM evidence_links WHERE id IN (SELECT value FROM json_each(?))',
      ids,
    ).map(rows.evidence);
  }

  async evidenceByClaims(claimIds: readonly string[]): Promise<EvidenceLinkRecord[]> {
    return this.byIds(
      'SELECT * FROM evidence_links WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY claim_id, study_id',
      claimIds,
    ).map(rows.evidence);
  }

  async evidenceByStudies(studyIds: readonly string[]): Promise<EvidenceLinkRecord[]> {
    return this.byIds(
      'SELECT * FROM evidence_links WHERE study_id IN (SELECT value FROM json_each(?)) ORDER BY study_id, claim_id',
      studyIds,
    ).map(rows.evidence);
  }

  async getGaps(ids: readonly string[]): Promise<GapRecord[]> {
    return this.byIds(
      'SELECT * FROM evidence_gaps WHERE id IN (SELECT value FROM json_each(?))',
      ids,
    ).map(rows.gap);
  }

  async gapsByClaims(claimIds: readonly string[]): Promise<GapRecord[]> {
    return this.byIds(
      'SELECT * FROM evidence_gaps WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY claim_id, id',
      claimIds,
    ).map(rows.gap);
  }

  // --- citations and notices ----------------------------------------------------------------

  async citationsOf(
    studyIds: readonly string[],
    direction: 'cites' | 'citedBy',
  ): Promise<CitationRecord[]> {
    const [own, other] =
      direction === 'cites' ? ['citing_id', 'cited_id'] : ['cited_id', 'citing_id'];
    return this.byIds(
      `SELECT * FROM citations WHERE ${own} IN (SELECT value FROM json_each(?)) ORDER BY ${own}, ${other}`,
      studyIds,
    ).map(rows.citation);
  }

  async citingStudies(
    studyId: string,
    maxHops: number,
  ): Promise<Array<{ id: string; hops: number }>> {
    const found = this.sql(
      `WITH RECURSIVE up(id, hops) AS (
         SELECT ?, 0
         UNION
         SELECT c.citing_id, up.hops + 1 FROM citations c JOIN up ON c.cited_id = up.id WHERE up.hops < ?
       )
       SELECT id, MIN(hops) AS hops FROM up WHERE id <> ? GROUP BY id ORDER BY hops, id`,
    ).all(studyId, maxHops, studyId) as Row[];
    return found.map((r) => ({ id: r.id as string, hops: r.hops as number }));
  }

  async noticesByStudies(studyIds: readonly string[]): Promise<NoticeRecord[]> {
    return this.byIds(
      'SELECT * FROM study_notices WHERE study_id IN (SELECT value FROM json_each(?)) ORDER BY study_id, created_at, id',
      studyIds,
    ).map(rows.notice);
  }

  async findStudiesByDois(dois: readonly string[]): Promise<StudyRecord[]> {
    return this.byIds(
      'SELECT * FROM studies WHERE doi IN (SELECT value FROM json_each(?)) ORDER BY id',
      dois,
    ).map(rows.study);
  }

  async findStudiesByPmids(pmids: readonly string[]): Promise<StudyRecord[]> {
    return this.byIds(
      'SELECT * FROM studies WHERE pmid IN (SELECT value FROM json_each(?)) ORDER BY id',
      pmids,
    ).map(rows.study);
  }

  async studiesByYears(years: readonly number[]): Promise<StudyRecord[]> {
    if (years.length === 0) return [];
    return (
      this.sql(
        'SELECT * FROM studies WHERE year IN (SELECT value FROM json_each(?)) ORDER BY id',
      ).all(JSON.stringify([...new Set(years)])) as Row[]
    ).map(rows.study);
  }

  // --- graph exploration --------------------------------------------------------------------

  /** Edges both ways, filtered by type: the undirected adjacency traversals walk. */
  private adjacency(filter: GraphFilter): { sql: string; params: unknown[] } {
    const typeClause = filter.edgeTypes?.length
      ? 'WHERE type IN (SELECT value FROM json_each(?))'
      : '';
    const p = filter.edgeTypes?.length ? [JSON.stringify(filter.edgeTypes)] : [];
    return {
      sql: `adj(a, b, source, target, type) AS (
              SELECT source, target, source, target, type FROM graph_edges ${typeClause}
              UNION ALL
              SELECT target, source, source, target, type FROM graph_edges ${typeClause}
            )`,
      params: [...p, ...p],
    };
  }

  async neighborhood(
    rootId: string,
    depth: number,
    filter: GraphFilter,
    limit: number,
  ): Promise<{
    nodes: Array<{ id: string; type: NodeType; depth: number }>;
    edges: GraphEdgeRecord[];
    truncated: boolean;
  }> {
    const adj = this.adjacency(filter);
    const typeClause = filter.nodeTypes?.length
      ? 'AND n.type IN (SELECT value FROM json_each(?))'
      : '';
    const found = this.sql(
      `WITH RECURSIVE ${adj.sql},
       walk(id, depth) AS (
         SELECT id, 0 FROM nodes WHERE id = ?
         UNION
         SELECT adj.b, walk.depth + 1 FROM walk
           JOIN adj ON adj.a = walk.id
           JOIN nodes n ON n.id = adj.b ${typeClause}
         WHERE walk.depth < ?
       )
       SELECT walk.id AS id, n.type AS type, MIN(walk.depth) AS depth
       FROM walk JOIN nodes n ON n.id = walk.id
       GROUP BY walk.id ORDER BY depth, walk.id LIMIT ?`,
    ).all(
      ...adj.params,
      rootId,
      ...(filter.nodeTypes?.length ? [JSON.stringify(filter.nodeTypes)] : []),
      depth,
      limit + 1,
    ) as Row[];
    const nodes = found
      .slice(0, limit)
      .map((r) => ({ id: r.id as string, type: r.type as NodeType, depth: r.depth as number }));
    return {
      nodes,
      edges: this.edgesAmong(
        nodes.map((n) => n.id),
        filter,
      ),
      truncated: found.length > limit,
    };
  }

  private edgesAmong(ids: string[], filter: GraphFilter): GraphEdgeRecord[] {
    if (ids.length === 0) return [];
    const typeClause = filter.edgeTypes?.length
      ? 'AND type IN (SELECT value FROM json_each(?))'
      : '';
    const list = JSON.stringify(ids);
    return (
      this.sql(
        `SELECT DISTINCT source, target, type FROM graph_edges
         WHERE source IN (SELECT value FROM json_each(?)) AND target IN (SELECT value FROM json_each(?)) ${typeClause}
         ORDER BY type, source, target`,
      ).all(
        list,
        list,
        ...(filter.edgeTypes?.length ? [JSON.stringify(filter.edgeTypes)] : []),
      ) as Row[]
    ).map((r) => ({
      source: r.source as string,
      target: r.target as string,
      type: r.type as EdgeType,
    }));
  }

  async paths(
    fromId: string,
    toId: string,
    maxLength: number,
    filter: GraphFilter,
    limit: number,
  ): Promise<Array<{ nodeIds: string[]; edges: GraphEdgeRecord[] }>> {
    const adj = this.adjacency(filter);
    const typeClause = filter.nodeTypes?.length
      ? 'AND (adj.b = ? OR n.type IN (SELECT value FROM json_each(?)))'
      : '';
    const typeParams = filter.nodeTypes?.length ? [toId, JSON.stringify(filter.nodeTypes)] : [];
    // Simple paths, one length at a time (shortest first), stopping once `limit` are found. A
    // path is only extended to nodes close enough to the target to arrive in time (distances
    // from a walk back from the target), so each query stays near the answer and can stop early.
    const found: Row[] = [];
    for (let k = 1; k <= maxLength && found.length < limit; k++) {
      found.push(
        ...(this.sql(
          `WITH RECURSIVE ${adj.sql},
           back(id, d) AS (
             SELECT ?, 0
             UNION
             SELECT adj.b, back.d + 1 FROM back JOIN adj ON adj.a = back.id WHERE back.d < ?
           ),
           dist(id, d) AS (SELECT id, MIN(d) FROM back GROUP BY id),
           p(last, node_ids, edge_list, len) AS (
             SELECT id, json_array(id), json_array(), 0 FROM nodes WHERE id = ?
             UNION ALL
             SELECT adj.b, json_insert(p.node_ids, '$[#]', adj.b),
                    json_insert(p.edge_list, '$[#]', json_array(adj.source, adj.target, adj.type)), p.len + 1
             FROM p JOIN adj ON adj.a = p.last JOIN dist ON dist.id = adj.b JOIN nodes n ON n.id = adj.b
             WHERE p.len + 1 + dist.d <= ? AND p.last <> ? ${typeClause}
               AND NOT EXISTS (SELECT 1 FROM json_each(p.node_ids) WHERE value = adj.b)
           )
           SELECT node_ids, edge_list FROM p WHERE last = ? AND len = ? LIMIT ?`,
        ).all(
          ...adj.params,
          toId,
          k,
          fromId,
          k,
          toId,
          ...typeParams,
          toId,
          k,
          limit - found.length,
        ) as Row[]),
      );
    }
    return found.map((r) => ({
      nodeIds: JSON.parse(r.node_ids as string) as string[],
      edges: (JSON.parse(r.edge_list as string) as Array<[string, string, EdgeType]>).map(
        ([source, target, type]) => ({
          source,
          target,
          type,
        }),
      ),
    }));
  }

  async scanEdges(after: GraphEdgeRecord | undefined, limit: number): Promise<GraphEdgeRecord[]> {
    const a = after ?? { type: '', source: '', target: '' };
    return (
      this.sql(
        `SELECT source, target, type FROM graph_edges
         WHERE (type, source, target) > (?, ?, ?) ORDER BY type, source, target LIMIT ?`,
      ).all(a.type, a.source, a.target, limit) as Row[]
    ).map((r) => ({
      source: r.source as string,
      target: r.target as string,
      type: r.type as EdgeType,
    }));
  }

  // --- search -------------------------------------------------------------------------------

  async search(q: SearchQuery): Promise<{ hits: SearchHitRecord[]; totalCount: number }> {
    if (q.terms.length === 0) return { hits: [], totalCount: 0 };
    // Each term is quoted (so FTS5 syntax in user text is inert) and matched as a prefix.
    const match = q.terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' AND ');
    const typeFilter = q.types?.length ? 'AND type IN (SELECT value FROM json_each(?))' : '';
    const typeParams = q.types?.length ? [JSON.stringify(q.types)] : [];
    const total = (
      this.sql(
        `SELECT count(*) AS n FROM search_index WHERE search_index MATCH ? ${typeFilter}`,
      ).get(match, ...typeParams) as {
        n: number;
      }
    ).n;
    const found = this.sql(
      `SELECT id, type, label, body,
                bm25(search_index, 4.0, 1.0) AS rank
         FROM search_index WHERE search_index MATCH ? ${typeFilter}
         ORDER BY rank, id LIMIT ? OFFSET ?`,
    ).all(match, ...typeParams, q.limit, q.offset) as Row[];
    return {
      hits: found.map((r) => ({
        id: r.id as string,
        type: r.type as NodeType,
        label: r.label as string,
        body: r.body as string,
        score: -(r.rank as number),
      })),
      totalCount: total,
    };
  }

  async scan<K extends RecordKind>(
    kind: K,
    after: string | undefined,
    limit: number,
  ): Promise<GraphBundle[K]> {
    const table = SCAN_TABLES[kind];
    const ids = (
      this.sql(`SELECT id FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`).all(
        after ?? '',
        limit,
      ) as Row[]
    ).map((r) => r.id as string);
    const fetch: { [P in RecordKind]: (ids: string[]) => Promise<GraphBundle[P]> } = {
      sources: (x) => this.getSources(x),
      interventions: (x) => this.getInterventions(x),
      conditions: (x) => this.getConditions(x),
      mechanisms: (x) => this.getMechanisms(x),
      claims: (x) => this.getClaims(x),
      statements: (x) => this.getStatements(x),
      studies: (x) => this.getStudies(x),
      notices: async (x) =>
        this.byIds(
          'SELECT * FROM study_notices WHERE id IN (SELECT value FROM json_each(?))',
          x,
        ).map(rows.notice),
      citations: async (x) =>
        this.byIds('SELECT * FROM citations WHERE id IN (SELECT value FROM json_each(?))', x).map(
          rows.citation,
        ),
      evidence: async (x) =>
        this.byIds(
          'SELECT * FROM evidence_links WHERE id IN (SELECT value FROM json_each(?))',
          x,
        ).map(rows.evidence),
      gaps: (x) => this.getGaps(x),
    };
    const found = (await fetch[kind](ids)) as Array<{ id: string }>;
    return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) as GraphBundle[K];
  }

  // --- writes -------------------------------------------------------------------------------

  async clear(): Promise<void> {
    this.write(() => {
      for (const table of [
        'citations',
        'study_notices',
        'evidence_gaps',
        'evidence_links',
        'statements',
        'claim_conditions',
        'claim_mechanisms',
        'claims',
        'studies',
        'condition_broader',
        'labels',
        'conditions',
        'mechanisms',
        'interventions',
        'sources',
        'search_index',
        'nodes',
        'revisions',
        'api_tokens',
      ]) {
        this.sql(`DELETE FROM ${table}`).run();
      }
    });
  }

  private insertSource(s: SourceRecord): void {
    this.registerNode(s.id, NodeType.SOURCE);
    this.sql(
      `INSERT INTO sources (id, title, url, publisher, kind, text, content_hash, created_at, updated_at, version)
         VALUES (@id, @title, @url, @publisher, @kind, @text, @contentHash, @createdAt, @updatedAt, @version)`,
    ).run(s);
    this.index(s.id, NodeType.SOURCE, s.title, s.text);
  }

  private insertStatement(s: StatementRecord): void {
    this.registerNode(s.id, NodeType.STATEMENT);
    this.sql(
      `INSERT INTO statements (id, source_id, claim_id, quote, start, "end", prefix, suffix, hedging, review_status, created_at, updated_at, version)
         VALUES (@id, @sourceId, @claimId, @quote, @start, @end, @prefix, @suffix, @hedging, @reviewStatus, @createdAt, @updatedAt, @version)`,
    ).run(s);
    this.index(s.id, NodeType.STATEMENT, s.quote, s.quote);
  }

  private setClaimLinks(c: { id: string; conditionIds: string[]; mechanismIds: string[] }): void {
    this.sql('DELETE FROM claim_conditions WHERE claim_id = ?').run(c.id);
    this.sql('DELETE FROM claim_mechanisms WHERE claim_id = ?').run(c.id);
    const cc = this.sql(
      'INSERT INTO claim_conditions (claim_id, condition_id, position) VALUES (?, ?, ?)',
    );
    c.conditionIds.forEach((id, i) => cc.run(c.id, id, i));
    const cm = this.sql(
      'INSERT INTO claim_mechanisms (claim_id, mechanism_id, position) VALUES (?, ?, ?)',
    );
    c.mechanismIds.forEach((id, i) => cm.run(c.id, id, i));
  }

  private insertClaim(c: ClaimRecord): void {
    this.registerNode(c.id, NodeType.CLAIM);
    this.sql(
      `INSERT INTO claims (id, text, kind, intervention_id, review_status, created_at, updated_at, version)
         VALUES (@id, @text, @kind, @interventionId, @reviewStatus, @createdAt, @updatedAt, @version)`,
    ).run(c);
    this.setClaimLinks(c);
    this.index(c.id, NodeType.CLAIM, c.text, c.text);
  }

  private insertCondition(c: ConditionRecord): void {
    this.registerNode(c.id, NodeType.CONDITION);
    this.sql(
      `INSERT INTO conditions (id, name, synonyms, codes, description, created_at, updated_at, version)
         VALUES (@id, @name, @synonyms, @codes, @description, @createdAt, @updatedAt, @version)`,
    ).run({ ...c, synonyms: JSON.stringify(c.synonyms), codes: JSON.stringify(c.codes) });
    this.setLabels(c.id, [c.name, ...c.synonyms]);
    this.index(
      c.id,
      NodeType.CONDITION,
      c.name,
      [c.name, ...c.synonyms, c.description ?? ''].join(' \n'),
    );
  }

  private setBroader(c: ConditionRecord): void {
    this.sql('DELETE FROM condition_broader WHERE narrower_id = ?').run(c.id);
    const ins = this.sql('INSERT INTO condition_broader (narrower_id, broader_id) VALUES (?, ?)');
    for (const b of c.broaderIds) ins.run(c.id, b);
  }

  private insertMechanism(m: MechanismRecord): void {
    this.registerNode(m.id, NodeType.MECHANISM);
    this.sql(
      `INSERT INTO mechanisms (id, name, synonyms, description, created_at, updated_at, version)
         VALUES (@id, @name, @synonyms, @description, @createdAt, @updatedAt, @version)`,
    ).run({ ...m, synonyms: JSON.stringify(m.synonyms) });
    this.setLabels(m.id, [m.name, ...m.synonyms]);
    this.index(
      m.id,
      NodeType.MECHANISM,
      m.name,
      [m.name, ...m.synonyms, m.description ?? ''].join(' \n'),
    );
  }

  private insertIntervention(i: InterventionRecord): void {
    this.registerNode(i.id, NodeType.INTERVENTION);
    this.sql(
      `INSERT INTO interventions (id, name, drug, route, created_at, updated_at, version)
         VALUES (@id, @name, @drug, @route, @createdAt, @updatedAt, @version)`,
    ).run(i);
    this.index(
      i.id,
      NodeType.INTERVENTION,
      i.name,
      [i.name, i.drug ?? '', i.route ?? ''].join(' '),
    );
  }

  private insertStudy(s: StudyRecord): void {
    this.registerNode(s.id, NodeType.STUDY);
    this.sql(
      `INSERT INTO studies (id, title, authors, year, journal, doi, pmid, design, sample_size, population, finding,
                              retracted, retraction_date, retraction_note, created_at, updated_at, version)
         VALUES (@id, @title, @authors, @year, @journal, @doi, @pmid, @design, @sampleSize, @population, @finding,
                 @retracted, @retractionDate, @retractionNote, @createdAt, @updatedAt, @version)`,
    ).run(rows.studyParams(s));
    this.index(
      s.id,
      NodeType.STUDY,
      s.title,
      [s.title, s.authors.join(', '), s.journal ?? '', s.finding ?? ''].join(' \n'),
    );
  }

  private insertEvidence(e: EvidenceLinkRecord): void {
    this.sql(
      `INSERT INTO evidence_links (id, study_id, claim_id, relation, note, quote, added_by, created_at, updated_at, version, review_status)
         VALUES (@id, @studyId, @claimId, @relation, @note, @quote, @addedBy, @createdAt, @updatedAt, @version, @reviewStatus)`,
    ).run(e);
  }

  /** Writes revisions inside the caller's transaction. */
  private audit(revisions: Audit | undefined): void {
    for (const v of revisions ?? []) {
      this.sql(
        `INSERT INTO revisions (id, entity_id, entity_kind, action, before, after, actor, at, reason, revert_of)
         VALUES (@id, @entityId, @entityKind, @action, @before, @after, @actor, @at, @reason, @revertOf)`,
      ).run(rows.revisionParams(v));
    }
  }

  private insertGap(g: GapRecord): void {
    this.registerNode(g.id, NodeType.EVIDENCE_GAP);
    this.sql(
      `INSERT INTO evidence_gaps (id, claim_id, kind, description, needed_design, status, statement_id, addressed_by_id, created_at, updated_at, version)
         VALUES (@id, @claimId, @kind, @description, @neededDesign, @status, @statementId, @addressedById, @createdAt, @updatedAt, @version)`,
    ).run(g);
    this.index(g.id, NodeType.EVIDENCE_GAP, g.description, g.description);
  }

  async createSource(record: SourceRecord, audit?: Audit): Promise<SourceRecord> {
    this.write(() => {
      this.insertSource(record);
      this.audit(audit);
    });
    return (await this.getSources([record.id]))[0];
  }

  async createStatement(record: StatementRecord, audit?: Audit): Promise<StatementRecord> {
    this.write(() => {
      this.insertStatement(record);
      this.audit(audit);
    });
    return (await this.getStatements([record.id]))[0];
  }

  async createClaim(record: ClaimRecord, audit?: Audit): Promise<ClaimRecord> {
    this.write(() => {
      this.insertClaim(record);
      this.audit(audit);
    });
    return (await this.getClaims([record.id]))[0];
  }

  /**
   * Compare-and-set in one transaction: `update` runs only when the row exists, and its UPDATE must
   * carry `WHERE id = @id AND version = @expectedVersion`; zero rows changed means someone else won.
   */
  private async versioned<T>(
    table: 'claims' | 'evidence_gaps' | 'statements' | 'evidence_links',
    id: string,
    update: () => number,
    reload: () => Promise<T[]>,
    audit: Audit | undefined,
  ): Promise<VersionedWrite<T>> {
    const result = this.write((): VersionedWrite<null> => {
      const cur = this.sql(`SELECT version FROM ${table} WHERE id = ?`).get(id) as
        { version: number } | undefined;
      if (!cur) return { ok: false, reason: 'NOT_FOUND' };
      if (update() === 0) return { ok: false, reason: 'CONFLICT', currentVersion: cur.version };
      this.audit(audit);
      return { ok: true, record: null };
    });
    return result.ok ? { ok: true, record: (await reload())[0] } : result;
  }

  async updateClaim(
    id: string,
    expectedVersion: number,
    patch: ClaimPatch,
    at: string,
    audit?: Audit,
  ): Promise<VersionedWrite<ClaimRecord>> {
    return this.versioned(
      'claims',
      id,
      () => {
        const changed = this.sql(
          `UPDATE claims SET
             text = coalesce(@text, text),
             kind = coalesce(@kind, kind),
             review_status = coalesce(@reviewStatus, review_status),
             intervention_id = CASE WHEN @setIntervention THEN @interventionId ELSE intervention_id END,
             updated_at = @at, version = version + 1
           WHERE id = @id AND version = @expectedVersion`,
        ).run({
          id,
          expectedVersion,
          at,
          text: patch.text ?? null,
          kind: patch.kind ?? null,
          reviewStatus: patch.reviewStatus ?? null,
          setIntervention: patch.interventionId !== undefined ? 1 : 0,
          interventionId: patch.interventionId ?? null,
        }).changes;
        if (changed === 0) return 0;
        const links = this.linkIds('claim_conditions', 'condition_id', [id]);
        const mechs = this.linkIds('claim_mechanisms', 'mechanism_id', [id]);
        this.setClaimLinks({
          id,
          conditionIds: patch.conditionIds ?? links.get(id) ?? [],
          mechanismIds: patch.mechanismIds ?? mechs.get(id) ?? [],
        });
        if (patch.text !== undefined) this.index(id, NodeType.CLAIM, patch.text, patch.text);
        return changed;
      },
      () => this.getClaims([id]),
      audit,
    );
  }

  async createCondition(record: ConditionRecord, audit?: Audit): Promise<ConditionRecord> {
    this.write(() => {
      this.insertCondition(record);
      this.setBroader(record);
      this.audit(audit);
    });
    return (await this.getConditions([record.id]))[0];
  }

  async createMechanism(record: MechanismRecord, audit?: Audit): Promise<MechanismRecord> {
    this.write(() => {
      this.insertMechanism(record);
      this.audit(audit);
    });
    return (await this.getMechanisms([record.id]))[0];
  }

  async createIntervention(record: InterventionRecord, audit?: Audit): Promise<InterventionRecord> {
    this.write(() => {
      this.insertIntervention(record);
      this.audit(audit);
    });
    return (await this.getInterventions([record.id]))[0];
  }

  async createStudy(record: StudyRecord, audit?: Audit): Promise<StudyRecord> {
    await insertStudyNamingHolder(this, record, async () => {
      this.write(() => {
        this.insertStudy(record);
        this.audit(audit);
      });
    });
    return (await this.getStudies([record.id]))[0];
  }

  async createEvidenceLink(record: EvidenceLinkRecord, audit?: Audit): Promise<EvidenceLinkRecord> {
    this.write(() => {
      this.insertEvidence(record);
      this.audit(audit);
    });
    return this.evidenceById(record.id)!;
  }

  private evidenceById(id: string): EvidenceLinkRecord | null {
    const row = this.sql('SELECT * FROM evidence_links WHERE id = ?').get(id) as Row | undefined;
    return row ? rows.evidence(row) : null;
  }

  async deleteEvidenceLink(
    id: string,
    expectedVersion: number,
    audit?: Audit,
  ): Promise<VersionedWrite<EvidenceLinkRecord>> {
    return this.write((): VersionedWrite<EvidenceLinkRecord> => {
      const cur = this.evidenceById(id);
      if (!cur) return { ok: false, reason: 'NOT_FOUND' };
      const gone = this.sql('DELETE FROM evidence_links WHERE id = ? AND version = ?').run(
        id,
        expectedVersion,
      ).changes;
      if (gone === 0) return { ok: false, reason: 'CONFLICT', currentVersion: cur.version };
      this.audit(audit);
      return { ok: true, record: cur };
    });
  }

  async setReviewStatus(
    kind: ReviewedKind,
    id: string,
    expectedVersion: number,
    status: ReviewStatus,
    at: string,
    audit?: Audit,
  ): Promise<VersionedWrite<ClaimRecord | StatementRecord | EvidenceLinkRecord>> {
    const table = (
      { claims: 'claims', statements: 'statements', evidence: 'evidence_links' } as const
    )[kind];
    const reload = {
      claims: () => this.getClaims([id]),
      statements: () => this.getStatements([id]),
      evidence: () => this.getEvidenceLinks([id]),
    }[kind];
    return this.versioned<ClaimRecord | StatementRecord | EvidenceLinkRecord>(
      table,
      id,
      () =>
        this.sql(
          `UPDATE ${table} SET review_status = ?, updated_at = ?, version = version + 1
           WHERE id = ? AND version = ?`,
        ).run(status, at, id, expectedVersion).changes,
      reload,
      audit,
    );
  }

  private insertNotice(n: NoticeRecord): void {
    this.sql(
      `INSERT INTO study_notices (id, study_id, kind, date, note, added_by, created_at)
       VALUES (@id, @studyId, @kind, @date, @note, @addedBy, @createdAt)`,
    ).run(n);
  }

  private insertCitation(c: CitationRecord): void {
    this.sql(
      `INSERT INTO citations (id, citing_id, cited_id, added_by, created_at)
       VALUES (@id, @citingId, @citedId, @addedBy, @createdAt)`,
    ).run(c);
  }

  async addNotice(
    notice: NoticeRecord,
    retraction?: RetractionRecord,
    audit?: Audit,
  ): Promise<StudyRecord> {
    this.write(() => {
      this.insertNotice(notice);
      this.audit(audit);
      if (retraction) {
        this.sql(
          `UPDATE studies SET retracted = 1, retraction_date = ?, retraction_note = ?, updated_at = ?, version = version + 1
           WHERE id = ?`,
        ).run(retraction.date, retraction.note, notice.createdAt, notice.studyId);
      }
    });
    return (await this.getStudies([notice.studyId]))[0];
  }

  async addCitations(
    records: CitationRecord[],
    audit?: (created: CitationRecord) => Audit,
  ): Promise<CitationRecord[]> {
    return this.write(() => {
      const created: CitationRecord[] = [];
      const exists = this.sql('SELECT 1 FROM citations WHERE citing_id = ? AND cited_id = ?');
      for (const c of records) {
        if (exists.get(c.citingId, c.citedId)) continue;
        this.insertCitation(c);
        this.audit(audit?.(c));
        created.push(c);
      }
      return created;
    });
  }

  async removeCitation(
    citingId: string,
    citedId: string,
    audit?: (removed: CitationRecord) => Audit,
  ): Promise<CitationRecord | null> {
    return this.write(() => {
      const row = this.sql('SELECT * FROM citations WHERE citing_id = ? AND cited_id = ?').get(
        citingId,
        citedId,
      ) as Row | undefined;
      if (!row) return null;
      const removed = rows.citation(row);
      this.sql('DELETE FROM citations WHERE id = ?').run(removed.id);
      this.audit(audit?.(removed));
      return removed;
    });
  }

  async createGap(record: GapRecord, audit?: Audit): Promise<GapRecord> {
    this.write(() => {
      this.insertGap(record);
      this.audit(audit);
    });
    return (await this.getGaps([record.id]))[0];
  }

  async updateGap(
    id: string,
    expectedVersion: number,
    patch: GapPatch,
    at: string,
    audit?: Audit,
  ): Promise<VersionedWrite<GapRecord>> {
    return this.versioned(
      'evidence_gaps',
      id,
      () =>
        this.sql(
          `UPDATE evidence_gaps SET
             status = coalesce(@status, status),
             addressed_by_id = CASE WHEN @setAddressed THEN @addressedById ELSE addressed_by_id END,
             updated_at = @at, version = version + 1
           WHERE id = @id AND version = @expectedVersion`,
        ).run({
          id,
          expectedVersion,
          at,
          status: patch.status ?? null,
          setAddressed: patch.addressedById !== undefined ? 1 : 0,
          addressedById: patch.addressedById ?? null,
        }).changes,
      () => this.getGaps([id]),
      audit,
    );
  }

  // --- bulk upsert (seeding, copying) -------------------------------------------------------

  async upsertBundle(
    bundle: GraphBundle,
    mode: UpsertMode = 'create-missing',
    audit?: BundleAudit,
  ): Promise<UpsertResult> {
    const { create, replace, result, revisions } = await planBundle(this, bundle, mode, audit);
    this.write(() => {
      // Replaced rows are deleted and re-inserted under the same id; children keep pointing at
      // that id, so foreign keys are checked at commit rather than per statement.
      this.db.pragma('defer_foreign_keys = ON');
      const tables: Record<string, string> = {
        sources: 'sources',
        interventions: 'interventions',
        conditions: 'conditions',
        mechanisms: 'mechanisms',
        claims: 'claims',
        statements: 'statements',
        studies: 'studies',
        gaps: 'evidence_gaps',
      };
      for (const [kind, table] of Object.entries(tables)) {
        for (const rec of replace[kind as keyof GraphBundle] as Array<{ id: string }>) {
          this.unindex(rec.id);
          this.sql(`DELETE FROM ${table} WHERE id = ?`).run(rec.id);
          this.sql('DELETE FROM nodes WHERE id = ?').run(rec.id);
        }
      }
      for (const b of [create, replace]) {
        b.sources.forEach((x) => this.insertSource(x));
        b.interventions.forEach((x) => this.insertIntervention(x));
        b.conditions.forEach((x) => this.insertCondition(x));
        b.mechanisms.forEach((x) => this.insertMechanism(x));
        b.claims.forEach((x) => this.insertClaim(x));
        b.statements.forEach((x) => this.insertStatement(x));
        b.studies.forEach((x) => this.insertStudy(x));
        b.gaps.forEach((x) => this.insertGap(x));
      }
      // Broader links once every condition exists.
      [...create.conditions, ...replace.conditions].forEach((c) => this.setBroader(c));
      create.evidence.forEach((x) => this.insertEvidence(x));
      create.notices.forEach((x) => this.insertNotice(x));
      create.citations.forEach((x) => this.insertCitation(x));
      for (const e of replace.evidence) {
        this.sql(
          'UPDATE evidence_links SET relation = ?, note = ?, quote = ?, updated_at = ?, version = ? WHERE id = ?',
        ).run(e.relation, e.note, e.quote, e.updatedAt, e.version, e.id);
      }
      this.audit(revisions);
    });
    return result;
  }

  // --- history ------------------------------------------------------------------------------

  async revisionsOf(
    entityId: string,
    after: string | undefined,
    limit: number,
  ): Promise<RevisionRecord[]> {
    return (
      this.sql('SELECT * FROM revisions WHERE entity_id = ? AND id > ? ORDER BY id LIMIT ?').all(
        entityId,
        after ?? '',
        limit,
      ) as Row[]
    ).map(rows.revision);
  }

  async getRevisions(ids: readonly string[]): Promise<RevisionRecord[]> {
    return this.byIds(
      'SELECT * FROM revisions WHERE id IN (SELECT value FROM json_each(?))',
      ids,
    ).map(rows.revision);
  }

  async revisionsSince(at: string): Promise<RevisionRecord[]> {
    return (this.sql('SELECT * FROM revisions WHERE at > ? ORDER BY id').all(at) as Row[]).map(
      rows.revision,
    );
  }

  async scanRevisions(after: string | undefined, limit: number): Promise<RevisionRecord[]> {
    return (
      this.sql('SELECT * FROM revisions WHERE id > ? ORDER BY id LIMIT ?').all(
        after ?? '',
        limit,
      ) as Row[]
    ).map(rows.revision);
  }

  async appendRevisions(revisions: readonly RevisionRecord[]): Promise<number> {
    return this.write(() => {
      const known = this.sql('SELECT 1 FROM revisions WHERE id = ?');
      const fresh = revisions.filter((r) => !known.get(r.id));
      this.audit(fresh);
      return fresh.length;
    });
  }

  async latestRevisionId(): Promise<string | null> {
    const row = this.sql('SELECT max(id) AS id FROM revisions').get() as { id: string | null };
    return row.id;
  }

  // --- API tokens ---------------------------------------------------------------------------

  async createToken(record: TokenRecord, audit?: Audit): Promise<TokenRecord> {
    this.write(() => {
      this.sql(
        `INSERT INTO api_tokens (id, name, role, hash, created_at, created_by, revoked_at)
         VALUES (@id, @name, @role, @hash, @createdAt, @createdBy, @revokedAt)`,
      ).run(record);
      this.audit(audit);
    });
    return rows.token(this.sql('SELECT * FROM api_tokens WHERE id = ?').get(record.id) as Row);
  }

  async tokenByHash(hash: string): Promise<TokenRecord | null> {
    const row = this.sql('SELECT * FROM api_tokens WHERE hash = ?').get(hash) as Row | undefined;
    return row ? rows.token(row) : null;
  }

  async listTokens(): Promise<TokenRecord[]> {
    return (this.sql('SELECT * FROM api_tokens ORDER BY created_at, id').all() as Row[]).map(
      rows.token,
    );
  }

  async revokeToken(id: string, at: string, audit?: Audit): Promise<TokenRecord | null> {
    return this.write(() => {
      const changed = this.sql(
        'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
      ).run(at, id).changes;
      if (changed > 0) this.audit(audit);
      const row = this.sql('SELECT * FROM api_tokens WHERE id = ?').get(id) as Row | undefined;
      return row ? rows.token(row) : null;
    });
  }
}
