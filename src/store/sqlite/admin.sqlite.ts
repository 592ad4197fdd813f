/** Lifecycle, health and whole-store operations: counts, scans, clearing, bundle upserts. */
import { BundleKeys, bundleKeys, planBundle, StoredForBundle } from '../bundle-plan';
import { NodeType } from '../../graphql.schema';
import { GraphBundle, NodeRecords, RECORD_KINDS, RecordKind, StoreAdmin } from '../ports';
import { SEARCH_FORMAT } from '../searchable-text';
import {
  citationsByIds,
  citationsOf,
  insertCitation,
  insertNotice,
  noticesByIds,
  noticesByStudies,
} from './citations.sqlite';
import { getClaims, insertClaim } from './claims.sqlite';
import {
  evidenceByClaims,
  getEvidenceLinks,
  getGaps,
  insertEvidence,
  insertGap,
} from './evidence.sqlite';
import type { SqliteExecutor } from './sqlite.executor';
import type { Row } from './sqlite.rows';
import { getSources, getStatements, insertSource, insertStatement } from './sources.sqlite';
import { getStudies, insertStudy } from './studies.sqlite';
import {
  getConditions,
  getInterventions,
  getMechanisms,
  insertCondition,
  insertIntervention,
  insertMechanism,
  setBroader,
} from './vocabulary.sqlite';

/** The table holding each kind of record. */
const TABLES: Record<RecordKind, string> = {
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

/** Each kind's records by id. */
const BY_IDS: { [K in RecordKind]: (db: SqliteExecutor, ids: string[]) => GraphBundle[K] } = {
  sources: getSources,
  interventions: getInterventions,
  conditions: getConditions,
  mechanisms: getMechanisms,
  claims: getClaims,
  statements: getStatements,
  studies: getStudies,
  notices: noticesByIds,
  citations: citationsByIds,
  evidence: getEvidenceLinks,
  gaps: getGaps,
};

/** The kinds of record that are nodes, and so searched, with their node type. */
const SEARCHED: Array<[RecordKind, NodeType]> = [
  ['sources', NodeType.SOURCE],
  ['interventions', NodeType.INTERVENTION],
  ['conditions', NodeType.CONDITION],
  ['mechanisms', NodeType.MECHANISM],
  ['claims', NodeType.CLAIM],
  ['statements', NodeType.STATEMENT],
  ['studies', NodeType.STUDY],
  ['gaps', NodeType.EVIDENCE_GAP],
];
const REINDEX_BATCH = 500;

/**
 * Rebuilds the search index when it was written under another indexed-word format (see
 * ../searchable-text.ts SEARCH_FORMAT; migration 5 leaves it empty and unversioned), in one
 * transaction: after an upgrade, existing nodes are found by the new words.
 */
function reindexIfStale(db: SqliteExecutor): void {
  const row = db.sql('SELECT version FROM search_format').get() as { version: number } | undefined;
  if (row?.version === SEARCH_FORMAT) return;
  db.write(() => {
    db.sql('DELETE FROM search_index').run();
    for (const [kind, type] of SEARCHED) {
      const ids = (db.sql(`SELECT id FROM ${TABLES[kind]} ORDER BY id`).all() as Row[]).map(
        (r) => r.id as string,
      );
      for (let i = 0; i < ids.length; i += REINDEX_BATCH) {
        const batch = BY_IDS[kind](db, ids.slice(i, i + REINDEX_BATCH)) as Array<
          NodeRecords[typeof type]
        >;
        for (const record of batch) db.index(type, record);
      }
    }
    db.sql(
      'INSERT INTO search_format (singleton, version) VALUES (1, ?) ON CONFLICT DO UPDATE SET version = excluded.version',
    ).run(SEARCH_FORMAT);
  });
}

/** Children first, so that every delete leaves no dangling reference. */
const CLEAR_ORDER = [
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
];

/** The kinds stored as graph nodes (in `nodes` and the search index), referenced ones first. */
const NODE_KINDS = RECORD_KINDS.filter(
  (k): k is Exclude<RecordKind, 'evidence' | 'notices' | 'citations'> =>
    k !== 'evidence' && k !== 'notices' && k !== 'citations',
);

/** What a bundle plan compares against; read inside the bundle's write transaction. */
function storedFor(db: SqliteExecutor, keys: BundleKeys): StoredForBundle {
  return {
    sources: getSources(db, keys.sources),
    conditions: getConditions(db, keys.conditions),
    mechanisms: getMechanisms(db, keys.mechanisms),
    interventions: getInterventions(db, keys.interventions),
    claims: getClaims(db, keys.claims),
    statements: getStatements(db, keys.statements),
    studies: getStudies(db, keys.studies),
    gaps: getGaps(db, keys.gaps),
    evidence: evidenceByClaims(db, keys.evidenceClaimIds),
    notices: noticesByStudies(db, keys.noticeStudyIds),
    citations: citationsOf(db, keys.citingStudyIds, 'cites'),
  };
}

function insertNodes(db: SqliteExecutor, b: GraphBundle): void {
  b.sources.forEach((x) => insertSource(db, x));
  b.interventions.forEach((x) => insertIntervention(db, x));
  b.conditions.forEach((x) => insertCondition(db, x));
  b.mechanisms.forEach((x) => insertMechanism(db, x));
  b.claims.forEach((x) => insertClaim(db, x));
  b.statements.forEach((x) => insertStatement(db, x));
  b.studies.forEach((x) => insertStudy(db, x));
  b.gaps.forEach((x) => insertGap(db, x));
}

export function sqliteAdmin(db: SqliteExecutor): Omit<StoreAdmin, 'kind'> {
  return {
    async init() {
      db.open();
      reindexIfStale(db);
    },

    async close() {
      db.close();
    },

    async clock() {
      return db.clock();
    },

    async ping() {
      db.sql('SELECT 1').get();
    },

    async counts() {
      const c = (kind: RecordKind) =>
        (db.sql(`SELECT count(*) AS n FROM ${TABLES[kind]}`).get() as { n: number }).n;
      return {
        sources: c('sources'),
        statements: c('statements'),
        claims: c('claims'),
        conditions: c('conditions'),
        mechanisms: c('mechanisms'),
        interventions: c('interventions'),
        studies: c('studies'),
        evidence: c('evidence'),
        gaps: c('gaps'),
        notices: c('notices'),
        citations: c('citations'),
      };
    },

    async scan<K extends RecordKind>(
      kind: K,
      after: string | undefined,
      limit: number,
    ): Promise<GraphBundle[K]> {
      const ids = (
        db
          .sql(`SELECT id FROM ${TABLES[kind]} WHERE id > ? ORDER BY id LIMIT ?`)
          .all(after ?? '', limit) as Row[]
      ).map((r) => r.id as string);
      const found = BY_IDS[kind](db, ids) as Array<{ id: string }>;
      return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) as GraphBundle[K];
    },

    async clear() {
      db.write(() => {
        for (const table of CLEAR_ORDER) db.sql(`DELETE FROM ${table}`).run();
      });
    },

    async upsertBundle(bundle, mode = 'create-missing', audit) {
      return db.write(() => {
        // Read, plan and apply in one synchronous transaction: no other write can land between
        // what the plan compares against and what it writes.
        const plan = planBundle(bundle, storedFor(db, bundleKeys(bundle)), mode, audit);
        const { create, replace } = plan;
        // Replaced rows are deleted and re-inserted under the same id; children keep pointing at
        // that id, so foreign keys are checked at commit rather than per statement.
        db.deferForeignKeys();
        for (const kind of NODE_KINDS) {
          for (const rec of replace[kind]) {
            db.unindex(rec.id);
            db.sql(`DELETE FROM ${TABLES[kind]} WHERE id = ?`).run(rec.id);
            db.sql('DELETE FROM nodes WHERE id = ?').run(rec.id);
          }
        }
        insertNodes(db, create);
        insertNodes(db, replace);
        // Broader links once every condition exists.
        [...create.conditions, ...replace.conditions].forEach((c) => setBroader(db, c));
        create.evidence.forEach((x) => insertEvidence(db, x));
        create.notices.forEach((x) => insertNotice(db, x));
        create.citations.forEach((x) => insertCitation(db, x));
        for (const e of replace.evidence) {
          db.sql(
            'UPDATE evidence_links SET relation = ?, note = ?, quote = ?, indirectness = ?, updated_at = ?, version = ? WHERE id = ?',
          ).run(
            e.relation,
            e.note,
            e.quote,
            JSON.stringify(e.indirectness ?? []),
            e.updatedAt,
            e.version,
            e.id,
          );
        }
        db.audit(plan.revisions);
        return plan.result;
      });
    },
  };
}
