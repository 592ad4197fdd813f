import neo4j from 'neo4j-driver';
import { NodeType } from '../../graphql.schema';
import { BundleKeys, StoredForBundle, bundleKeys, planBundle } from '../bundle-plan';
import {
  GraphBundle,
  RecordKind,
  StoreAdmin,
  StoreCounts,
  StoreUnavailableError,
  UpsertMode,
} from '../ports';
import { citationsIn, insertCitations, insertNotices, noticesIn } from './citations.neo4j';
import { insertEvidence, linksIn } from './evidence.neo4j';
import {
  byIds,
  createNodes,
  lock,
  pipelined,
  relink,
  replaceNodes,
  writeRevisions,
} from './neo4j.cypher';
import { Neo4jExecutor, Tx, rows } from './neo4j.executor';
import {
  CITATION_PROJECTION,
  EVIDENCE_PROJECTION,
  FROM_PROPS,
  Link,
  NODE_KINDS,
  NOTICE_PROJECTION,
  OWNED_RELS,
  linksOf,
  projection,
} from './neo4j.model';
import * as records from './neo4j.records';
import { NODE_LABEL, Props, num } from './neo4j.records';
import { SCHEMA } from './neo4j.schema';
import { SEARCH_FORMAT } from '../searchable-text';

const COUNTED: Record<keyof StoreCounts, string> = {
  sources: '(:Source)',
  statements: '(:Statement)',
  claims: '(:Claim)',
  conditions: '(:Condition)',
  mechanisms: '(:Mechanism)',
  interventions: '(:Intervention)',
  studies: '(:Study)',
  evidence: '()-[:EVIDENCE]->()',
  gaps: '(:EvidenceGap)',
  notices: '(:Notice)',
  citations: '()-[:CITES]->()',
};

/**
 * Scans of the kinds that are no nodes: each page's statement and how a row reads (scanCypher).
 */
const SCANS: Record<
  'evidence' | 'notices' | 'citations',
  { cypher: string; read: (p: Props) => object }
> = {
  evidence: {
    cypher: `MATCH (s)-[r:EVIDENCE]->(c) USING INDEX SEEK r:EVIDENCE(id) WHERE r.id > $after
             RETURN ${EVIDENCE_PROJECTION} AS p ORDER BY r.id LIMIT $limit`,
    read: records.evidence,
  },
  notices: {
    cypher: `MATCH (n:Notice) USING INDEX SEEK n:Notice(id) WHERE n.id > $after
             RETURN ${NOTICE_PROJECTION} AS p ORDER BY n.id LIMIT $limit`,
    read: records.notice,
  },
  citations: {
    cypher: `MATCH (a)-[r:CITES]->(b) USING INDEX SEEK r:CITES(id) WHERE r.id > $after
             RETURN ${CITATION_PROJECTION} AS p ORDER BY r.id LIMIT $limit`,
    read: records.read.citation,
  },
};

/**
 * The statement of one page of a scan: the records of `kind` after `$after`, `$limit` of them.
 * Every page seeks the id index from its cursor and follows the index's order to its limit. The
 * SEEK hint keeps the planner from a label scan and a sort, or from an index scan from the start
 * that filters up to the cursor, which a small store's statistics may favour and a cached plan
 * would keep as the store grows. Pages are ordered by the indexed id itself, so only the page's
 * rows are projected: ordering by the projection's `p.id` sorted every row after the cursor on
 * every page, which made a whole scan quadratic.
 */
export function scanCypher(kind: RecordKind): string {
  if (kind in SCANS) return SCANS[kind as keyof typeof SCANS].cypher;
  const type = NODE_KINDS[kind as keyof typeof NODE_KINDS];
  return `MATCH (n:Entity) USING INDEX SEEK n:Entity(id) WHERE n:${NODE_LABEL[type]} AND n.id > $after
          RETURN ${projection(type)} AS p ORDER BY n.id LIMIT $limit`;
}

/**
 * What a bundle plan compares against, read in the bundle's own transaction by the port's reads,
 * after the bundle's locks: one round trip for the locks and every read (see pipelined).
 */
async function lockAndRead(tx: Tx, locks: string[], k: BundleKeys): Promise<StoredForBundle> {
  const kinds = Object.entries(NODE_KINDS) as Array<[keyof typeof NODE_KINDS, NodeType]>;
  const [, nodes, evidence, notices, citations] = await pipelined([
    lock(tx, locks),
    pipelined(kinds.map(([kind, type]) => byIds(tx, type, k[kind]))),
    linksIn.byClaims(tx, k.evidenceClaimIds),
    noticesIn(tx, k.noticeStudyIds),
    citationsIn(tx, k.citingStudyIds, 'cites'),
  ]);
  const byKind = Object.fromEntries(kinds.map(([kind], i) => [kind, nodes[i]]));
  return {
    ...(byKind as Pick<StoredForBundle, (typeof kinds)[number][0]>),
    evidence,
    notices,
    citations,
  };
}

/**
 * The nodes whose write locks a bundle takes before reading what it compares against, so that
 * no write the plan depends on can land between the read and the apply: in replace-changed mode
 * every node it names (a compare-and-set update waits, or has committed and is seen); in both
 * modes the studies whose evidence links and citations it writes (the locks those writes take).
 */
function bundleLocks(bundle: GraphBundle, k: BundleKeys, mode: UpsertMode): string[] {
  const links = [...bundle.evidence.map((e) => e.studyId), ...k.citingStudyIds];
  if (mode !== 'replace-changed') return links;
  return [
    ...Object.keys(NODE_KINDS).flatMap((kind) => k[kind as keyof typeof NODE_KINDS]),
    ...links,
  ];
}

const REINDEX_BATCH = 500;

/**
 * Rewrites the search words of every node written under another indexed-word format (see
 * ../searchable-text.ts SEARCH_FORMAT), a batch per transaction: after an upgrade, existing nodes
 * are found by the new words. When all are current, one scan of the nodes finds nothing to do.
 */
/**
 * The schema statements still to run: a definition already present is skipped (one SHOW instead
 * of a round trip per statement; every store start and every test's fresh store pays this).
 */
async function schemaToDo(x: Neo4jExecutor): Promise<string[]> {
  let present: Set<string>;
  try {
    const found = await Promise.all([
      rows(x, 'SHOW INDEXES YIELD name'),
      rows(x, 'SHOW CONSTRAINTS YIELD name'),
    ]);
    present = new Set(found.flat().map((r) => r.name as string));
  } catch (err) {
    if (err instanceof StoreUnavailableError) throw err;
    return SCHEMA; // Cannot tell (an older server, no rights to SHOW): every statement is idempotent.
  }
  return SCHEMA.filter((statement) => {
    const dropped = /^DROP (?:INDEX|CONSTRAINT) (\w+) IF EXISTS/.exec(statement);
    if (dropped) return present.has(dropped[1]);
    const created = /^CREATE (?:FULLTEXT )?(?:INDEX|CONSTRAINT) (\w+) IF NOT EXISTS/.exec(
      statement,
    );
    return !created || !present.has(created[1]);
  });
}

async function reindexStaleSearchWords(x: Neo4jExecutor): Promise<void> {
  for (;;) {
    const done = await x.write(async (tx) => {
      const stale = await rows(
        tx,
        `MATCH (n:Entity) WHERE n.searchFormat IS NULL OR n.searchFormat <> $format
         RETURN n.id AS id, n.type AS type LIMIT $limit`,
        { format: SEARCH_FORMAT, limit: neo4j.int(REINDEX_BATCH) },
      );
      const byType = new Map<NodeType, string[]>();
      for (const r of stale) {
        const type = r.type as NodeType;
        byType.set(type, [...(byType.get(type) ?? []), r.id as string]);
      }
      for (const [type, ids] of byType) {
        const found = await byIds(tx, type, ids);
        await tx.run('UNWIND $rows AS r MATCH (n:Entity {id: r.id}) SET n += r.search', {
          rows: found.map((rec) => ({ id: rec.id, search: records.searchProps(type, rec) })),
        });
      }
      return stale.length < REINDEX_BATCH;
    });
    if (done) return;
  }
}

/** Lifecycle, whole-store reads and writes. */
export function neo4jAdmin(x: Neo4jExecutor): Omit<StoreAdmin, 'kind'> {
  return {
    async init() {
      await x.autoCommit([]); // the server answers (fails fast when it does not)
      const todo = await schemaToDo(x);
      if (todo.length) await x.autoCommit([...todo, 'CALL db.awaitIndexes(60)']);
      await reindexStaleSearchWords(x);
    },

    close: () => x.close(),

    clock: () => x.clock(),

    async ping() {
      await x.read((tx) => tx.run('RETURN 1'));
    },

    async counts() {
      const keys = Object.keys(COUNTED) as Array<keyof StoreCounts>;
      const [c] = await rows(
        x,
        `RETURN ${keys.map((k) => `COUNT { ${COUNTED[k]} } AS ${k}`).join(', ')}`,
      );
      const out = {} as StoreCounts;
      for (const k of keys) out[k] = num(c[k]);
      return out;
    },

    /** Every record of a kind in id order, a page at a time. */
    async scan<K extends RecordKind>(kind: K, after: string | undefined, limit: number) {
      const params = { after: after ?? '', limit: neo4j.int(limit) };
      // One statement: run on the executor, one round trip (see rows).
      const found = await rows(x, scanCypher(kind), params);
      const read =
        kind in SCANS
          ? SCANS[kind as keyof typeof SCANS].read
          : FROM_PROPS[NODE_KINDS[kind as keyof typeof NODE_KINDS]];
      return found.map((r) => read(r.p as Props)) as GraphBundle[K];
    },

    async clear() {
      await x.write((tx) =>
        tx.run('MATCH (n) WHERE n:Entity OR n:Notice OR n:Revision OR n:ApiToken DETACH DELETE n'),
      );
    },

    /**
     * One write transaction reads what the bundle touches (under the locks of bundleLocks),
     * plans and applies. The driver may run it again on a transient error: the plan is made
     * inside, from what that run reads.
     */
    upsertBundle(bundle, mode = 'create-missing', audit) {
      const keys = bundleKeys(bundle);
      return x.write(async (tx) => {
        const stored = await lockAndRead(tx, bundleLocks(bundle, keys, mode), keys);
        const { create, replace, result, revisions } = planBundle(bundle, stored, mode, audit);
        // Replaced nodes are overwritten in place, so relationships pointing at them (a claim's
        // statements, a study's evidence) stay; their own outgoing relationships are rewritten.
        // The nodes and the revisions need no reply to be written: one round trip for them all.
        const links: Link[] = [];
        const replaced: string[] = [];
        const writes: Array<Promise<void>> = [];
        for (const [kind, type] of Object.entries(NODE_KINDS)) {
          const created = create[kind as keyof typeof NODE_KINDS] as object[];
          const changed = replace[kind as keyof typeof NODE_KINDS] as Array<{ id: string }>;
          writes.push(createNodes(tx, type, created), replaceNodes(tx, type, changed));
          replaced.push(...changed.map((r) => r.id));
          links.push(...[...created, ...changed].flatMap((r) => linksOf(type, r)));
        }
        writes.push(writeRevisions(tx, revisions));
        await pipelined(writes);
        // Links once every node exists: references may point anywhere in the bundle.
        await relink(tx, replaced, OWNED_RELS, links);
        await insertEvidence(tx, create.evidence);
        if (replace.evidence.length > 0) {
          await tx.run(
            `UNWIND $links AS l MATCH ()-[r:EVIDENCE {id: l.id}]->()
             SET r.relation = l.relation, r.note = l.note, r.quote = l.quote,
                 r.indirectness = l.indirectness, r.updatedAt = l.updatedAt, r.version = l.version`,
            { links: replace.evidence.map((e) => records.ownProps('evidence', e)) },
          );
        }
        await insertNotices(tx, create.notices);
        await insertCitations(tx, create.citations, false);
        return result;
      });
    },
  };
}
