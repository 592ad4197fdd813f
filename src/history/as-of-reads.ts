/**
 * The knowledge base as it stood at an instant, read through the LIVE store plus an overlay taken
 * from the history: every record changed after the instant takes the `before` of its first later
 * revision (null: it did not exist yet); every other record is as it is now. So an asOf read costs
 * what the same read costs today plus the overlay, which grows with the changes made since the
 * instant, not with the store (an instant long ago on a busy store has a large overlay: that is
 * the price of this design, and expected).
 *
 * Every KnowledgeReads method answers as of the instant:
 * - by-id reads: the live records, overlaid ones replaced by their `before` or removed;
 * - grouped and filtered reads (statements, links and gaps by claim, links and notices by study,
 *   citations, claim ids by condition / mechanism / kind, narrower conditions, names, listings of
 *   the small kinds): the live answer without the overlaid records, plus the overlaid `before`
 *   records that matched then (filtered here, in Node: the overlay is small), in the order the
 *   stores give (the SQLite adapters' ORDER BY, which the Neo4j adapters keep);
 * - the history: the live log cut at the instant.
 * Reads where an overlay is impractical fall back to the old snapshot copy (snapshot.ts), built
 * once, on first use, for that scope only: full-text search, the paged condition and study
 * listings, the study look-ups by DOI / PMID / year, graph walks (neighborhood, paths, edges,
 * citing studies), claim ids by source or hedging (they join statements), and the newest
 * revision id. No report read takes that path.
 *
 * A write landing while a scope reads would make the live store newer than its overlay; so after
 * each live read the overlay catches up with the revisions written since it was taken (the
 * newest revision id is its marker): a record changed after the instant for the first time
 * then is overlaid too, and the read answers from the overlay.
 */
import { conditionEvidenceFrom } from '../store/condition-evidence';
import { NodeType } from '../graphql.schema';
import { normaliseName } from '../common/text';
import {
  ClaimQuery,
  ClaimRecord,
  ConditionRecord,
  KnowledgeReads,
  MechanismRecord,
  RecordKind,
  RevisionChange,
  RevisionLog,
  SnapshotStoreFactory,
  StoreAdmin,
} from '../store/ports';
import { snapshotOf } from './snapshot';

type Before = Record<string, unknown> | null;
type SnapshotStore = KnowledgeReads & { close(): Promise<void> };

/** Revisions read at a time when the overlay catches up with writes made meanwhile. */
const CATCH_UP_PAGE = 500;

/** The node type of each record kind that is a node of the graph. */
const NODE_TYPES: Partial<Record<RecordKind, NodeType>> = {
  sources: NodeType.SOURCE,
  statements: NodeType.STATEMENT,
  claims: NodeType.CLAIM,
  conditions: NodeType.CONDITION,
  mechanisms: NodeType.MECHANISM,
  interventions: NodeType.INTERVENTION,
  studies: NodeType.STUDY,
  gaps: NodeType.EVIDENCE_GAP,
};

/** The records changed after an instant, as they stood then: the first later `before` of each. */
export class AsOfOverlay {
  private readonly byKind = new Map<RecordKind, Map<string, Before>>();
  /** How many records are overlaid. */
  size = 0;

  constructor(
    readonly at: string,
    /** The newest revision the overlay has seen (null: none). */
    public marker: string | null,
  ) {}

  /** Takes a revision made after the instant into account (the first per record wins). */
  note(r: RevisionChange): void {
    if (r.entityKind === 'tokens' || r.at <= this.at) return;
    let kind = this.byKind.get(r.entityKind);
    if (!kind) this.byKind.set(r.entityKind, (kind = new Map()));
    if (kind.has(r.entityId)) return;
    kind.set(r.entityId, r.before);
    this.size++;
  }

  /** The overlaid records of a kind: id → the record then (null: absent then). */
  of(kind: RecordKind): ReadonlyMap<string, Before> {
    return this.byKind.get(kind) ?? new Map();
  }

  /** Overlaid records of every kind. */
  kinds(): Iterable<[RecordKind, ReadonlyMap<string, Before>]> {
    return this.byKind.entries();
  }
}

/** The overlay of changes made after `at` (revisions indexed by time: revisions_at, revision_at). */
export async function overlayAsOf(
  log: Pick<RevisionLog, 'changesSince' | 'latestRevisionId'>,
  at: string,
  /** The newest revision id, when the caller has just read it. */
  latest?: string | null,
): Promise<AsOfOverlay> {
  // The marker first: a revision landing meanwhile is then seen again on catching up (and skipped).
  const overlay = new AsOfOverlay(at, latest === undefined ? await log.latestRevisionId() : latest);
  for (const r of await log.changesSince(at)) overlay.note(r);
  return overlay;
}

/** Ascending by the given fields, as the stores' ORDER BY (binary string order). */
function orderBy<T>(...fields: Array<keyof T>): (a: T, b: T) => number {
  return (a, b) => {
    for (const f of fields) {
      const x = a[f] as unknown as string | number;
      const y = b[f] as unknown as string | number;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };
}

/** SQLite's lower(): ASCII letters only. */
const sqlLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

const byLowerName = <T extends { name: string; id: string }>(a: T, b: T) =>
  orderBy<{ n: string; id: string }>('n', 'id')(
    { n: sqlLower(a.name), id: a.id },
    { n: sqlLower(b.name), id: b.id },
  );

export interface AsOfSources {
  live: KnowledgeReads;
  /** For the fallback snapshot. */
  admin: Pick<StoreAdmin, 'scan'>;
  build: SnapshotStoreFactory;
}

/** A read-only KnowledgeReads as of `overlay.at`: the live store plus the overlay. */
export class AsOfReads implements KnowledgeReads {
  private readonly live: KnowledgeReads;
  private snapshot: Promise<SnapshotStore> | null = null;
  private catchingUp: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly sources: AsOfSources,
    private readonly overlay: AsOfOverlay,
  ) {
    this.live = sources.live;
  }

  get at(): string {
    return this.overlay.at;
  }

  async close(): Promise<void> {
    this.closed = true;
    const snapshot = this.snapshot;
    this.snapshot = null;
    await (await snapshot?.catch(() => null))?.close();
  }

  // ---- the machinery -------------------------------------------------------------------------

  private open(): void {
    if (this.closed) throw new Error('this asOf read scope is closed');
  }

  /** A live read, then the overlay brought up to date with every write that read could have seen. */
  private async read<T>(fetch: (live: KnowledgeReads) => Promise<T>): Promise<T> {
    this.open();
    const found = await fetch(this.live);
    await this.catchUp();
    return found;
  }

  private catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        const latest = await this.live.latestRevisionId();
        while (latest !== null && latest !== this.overlay.marker) {
          const page = await this.live.scanRevisions(
            this.overlay.marker ?? undefined,
            CATCH_UP_PAGE,
          );
          if (page.length === 0) break;
          for (const r of page) this.overlay.note(r);
          this.overlay.marker = page[page.length - 1].id;
          if (page.length < CATCH_UP_PAGE) break;
        }
      } finally {
        this.catchingUp = null;
      }
    })();
    return this.catchingUp;
  }

  /** The old path: a snapshot copy of the whole store, for reads with no overlay (see above). */
  private async fallback(): Promise<KnowledgeReads> {
    this.open();
    this.snapshot ??= snapshotOf(
      {
        scan: (kind, after, limit) => this.sources.admin.scan(kind, after, limit),
        revisionsSince: (since) => this.live.revisionsSince(since),
        scanRevisions: (after, limit) => this.live.scanRevisions(after, limit),
      },
      this.overlay.at,
      this.sources.build,
    );
    const snapshot = await this.snapshot;
    this.open();
    return snapshot;
  }

  /** Live records of a kind without the overlaid ones, plus overlaid ones (as then) that `keep`. */
  private merge<T extends { id: string }>(
    kind: RecordKind,
    live: readonly T[],
    keep: (then: T) => boolean,
    order?: (a: T, b: T) => number,
  ): T[] {
    const overlaid = this.overlay.of(kind);
    if (overlaid.size === 0) return [...live];
    const out = live.filter((r) => !overlaid.has(r.id));
    for (const then of overlaid.values())
      if (then !== null && keep(then as unknown as T)) out.push(then as unknown as T);
    return order ? out.sort(order) : out;
  }

  private byIds<T extends { id: string }>(
    kind: RecordKind,
    ids: readonly string[],
    fetch: (live: KnowledgeReads) => Promise<T[]>,
  ): Promise<T[]> {
    return this.read(fetch).then((live) => {
      const asked = new Set(ids);
      return this.merge(kind, live, (r) => asked.has(r.id));
    });
  }

  private grouped<T extends { id: string }>(
    kind: RecordKind,
    key: keyof T,
    ids: readonly string[],
    order: (a: T, b: T) => number,
    fetch: (live: KnowledgeReads) => Promise<T[]>,
  ): Promise<T[]> {
    return this.read(fetch).then((live) => {
      const asked = new Set(ids);
      return this.merge(kind, live, (r) => asked.has(r[key] as unknown as string), order);
    });
  }

  // ---- sources and statements ----------------------------------------------------------------

  getSources: KnowledgeReads['getSources'] = (ids) =>
    this.byIds('sources', ids, (s) => s.getSources(ids));

  listSources: KnowledgeReads['listSources'] = () =>
    this.read((s) => s.listSources()).then((live) =>
      this.merge('sources', live, () => true, orderBy('title', 'id')),
    );

  getStatements: KnowledgeReads['getStatements'] = (ids) =>
    this.byIds('statements', ids, (s) => s.getStatements(ids));

  statementsBySources: KnowledgeReads['statementsBySources'] = (ids) =>
    this.grouped('statements', 'sourceId', ids, orderBy('sourceId', 'start', 'id'), (s) =>
      s.statementsBySources(ids),
    );

  statementsByClaims: KnowledgeReads['statementsByClaims'] = (ids) =>
    this.grouped('statements', 'claimId', ids, orderBy('claimId', 'sourceId', 'start', 'id'), (s) =>
      s.statementsByClaims(ids),
    );

  // ---- claims --------------------------------------------------------------------------------

  getClaims: KnowledgeReads['getClaims'] = (ids) =>
    this.byIds('claims', ids, (s) => s.getClaims(ids));

  async findClaimIds(query: ClaimQuery): Promise<string[]> {
    // By source or by hedging joins the statements: a statement changed since could add or drop
    // a claim the overlay does not hold. The snapshot answers those.
    if (query.sourceId !== undefined || query.hedging !== undefined)
      return (await this.fallback()).findClaimIds(query);
    const live = await this.read((s) => s.findClaimIds(query));
    const overlaid = this.overlay.of('claims');
    if (overlaid.size === 0) return live;
    const ids = live.filter((id) => !overlaid.has(id));
    const any = (wanted: string[] | undefined, held: string[]) =>
      wanted === undefined || held.some((id) => wanted.includes(id));
    for (const [id, then] of overlaid) {
      const c = then as unknown as ClaimRecord | null;
      if (
        c &&
        any(query.conditionIds, c.conditionIds) &&
        any(query.mechanismIds, c.mechanismIds) &&
        (query.kind === undefined || c.kind === query.kind)
      )
        ids.push(id);
    }
    return ids.sort();
  }

  claimTexts: KnowledgeReads['claimTexts'] = async () => {
    const live = await this.read((s) => s.claimTexts());
    return this.merge(
      'claims',
      live as Array<{ id: string } & (typeof live)[number]>,
      () => true,
      orderBy('id'),
    ).map((c) => ({ id: c.id, text: c.text, reviewStatus: c.reviewStatus }));
  };

  // ---- vocabulary ----------------------------------------------------------------------------

  getConditions: KnowledgeReads['getConditions'] = (ids) =>
    this.byIds('conditions', ids, (s) => s.getConditions(ids));

  /** Paged and searched over every condition: the snapshot answers. */
  listConditions: KnowledgeReads['listConditions'] = async (page, search) =>
    (await this.fallback()).listConditions(page, search);

  findConditionsByName: KnowledgeReads['findConditionsByName'] = (name) =>
    this.read((s) => s.findConditionsByName(name)).then((live) =>
      this.merge('conditions', live, named(name), orderBy('id')),
    );

  conditionNames: KnowledgeReads['conditionNames'] = () =>
    this.read((s) => s.conditionNames()).then((live) =>
      this.merge('conditions', live as ConditionRecord[], () => true, orderBy('id')).map((c) => ({
        id: c.id,
        name: c.name,
        synonyms: c.synonyms,
      })),
    );

  /** A report's records: composed of this store's single reads, each overlaid. */
  conditionEvidence: KnowledgeReads['conditionEvidence'] = (rootId, maxDepth, options) =>
    conditionEvidenceFrom(this, rootId, maxDepth, options);

  narrowerPairs: KnowledgeReads['narrowerPairs'] = async (parentIds) => {
    const live = await this.read((s) => s.narrowerPairs(parentIds));
    const overlaid = this.overlay.of('conditions');
    if (overlaid.size === 0) return live;
    const asked = new Set(parentIds);
    const pairs = live.filter(([, child]) => !overlaid.has(child));
    for (const [id, then] of overlaid)
      for (const broader of (then as ConditionRecord | null)?.broaderIds ?? [])
        if (asked.has(broader)) pairs.push([broader, id]);
    return pairs.sort((a, b) =>
      a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
    );
  };

  narrowerConditions: KnowledgeReads['narrowerConditions'] = async (rootIds, maxDepth) => {
    const live = await this.read((s) => s.narrowerConditions(rootIds, maxDepth));
    if (this.overlay.of('conditions').size === 0) return live;
    // The hierarchy changed since: walk it as it stood, a level at a time (shortest depth kept).
    const roots = new Set(rootIds);
    const depth = new Map<string, number>();
    let level = [...roots];
    for (let d = 1; d <= maxDepth && level.length; d++) {
      const next: string[] = [];
      for (const [, child] of await this.narrowerPairs(level))
        if (!roots.has(child) && !depth.has(child)) {
          depth.set(child, d);
          next.push(child);
        }
      level = next;
    }
    return [...depth].map(([id, d]) => ({ id, depth: d })).sort(orderBy('depth', 'id'));
  };

  getMechanisms: KnowledgeReads['getMechanisms'] = (ids) =>
    this.byIds('mechanisms', ids, (s) => s.getMechanisms(ids));

  listMechanisms: KnowledgeReads['listMechanisms'] = () =>
    this.read((s) => s.listMechanisms()).then((live) =>
      this.merge('mechanisms', live, () => true, byLowerName),
    );

  findMechanismsByName: KnowledgeReads['findMechanismsByName'] = (name) =>
    this.read((s) => s.findMechanismsByName(name)).then((live) =>
      this.merge('mechanisms', live, named(name), orderBy('id')),
    );

  getInterventions: KnowledgeReads['getInterventions'] = (ids) =>
    this.byIds('interventions', ids, (s) => s.getInterventions(ids));

  listInterventions: KnowledgeReads['listInterventions'] = () =>
    this.read((s) => s.listInterventions()).then((live) =>
      this.merge('interventions', live, () => true, byLowerName),
    );

  // ---- studies -------------------------------------------------------------------------------

  getStudies: KnowledgeReads['getStudies'] = (ids) =>
    this.byIds('studies', ids, (s) => s.getStudies(ids));

  // Look-ups by identifier or year and the paged listing: the snapshot answers.
  findStudyByDoi: KnowledgeReads['findStudyByDoi'] = async (doi) =>
    (await this.fallback()).findStudyByDoi(doi);
  findStudyByPmid: KnowledgeReads['findStudyByPmid'] = async (pmid) =>
    (await this.fallback()).findStudyByPmid(pmid);
  listStudies: KnowledgeReads['listStudies'] = async (page, query) =>
    (await this.fallback()).listStudies(page, query);
  findStudiesByDois: KnowledgeReads['findStudiesByDois'] = async (dois) =>
    (await this.fallback()).findStudiesByDois(dois);
  findStudiesByPmids: KnowledgeReads['findStudiesByPmids'] = async (pmids) =>
    (await this.fallback()).findStudiesByPmids(pmids);
  studiesByYears: KnowledgeReads['studiesByYears'] = async (years) =>
    (await this.fallback()).studiesByYears(years);

  // ---- evidence links and gaps ---------------------------------------------------------------

  getEvidenceLinks: KnowledgeReads['getEvidenceLinks'] = (ids) =>
    this.byIds('evidence', ids, (s) => s.getEvidenceLinks(ids));

  evidenceByClaims: KnowledgeReads['evidenceByClaims'] = (ids) =>
    this.grouped('evidence', 'claimId', ids, orderBy('claimId', 'studyId'), (s) =>
      s.evidenceByClaims(ids),
    );

  evidenceByStudies: KnowledgeReads['evidenceByStudies'] = (ids) =>
    this.grouped('evidence', 'studyId', ids, orderBy('studyId', 'claimId'), (s) =>
      s.evidenceByStudies(ids),
    );

  getGaps: KnowledgeReads['getGaps'] = (ids) => this.byIds('gaps', ids, (s) => s.getGaps(ids));

  gapsByClaims: KnowledgeReads['gapsByClaims'] = (ids) =>
    this.grouped('gaps', 'claimId', ids, orderBy('claimId', 'id'), (s) => s.gapsByClaims(ids));

  // ---- citations and notices -----------------------------------------------------------------

  citationsOf: KnowledgeReads['citationsOf'] = (ids, direction) =>
    direction === 'cites'
      ? this.grouped('citations', 'citingId', ids, orderBy('citingId', 'citedId'), (s) =>
          s.citationsOf(ids, direction),
        )
      : this.grouped('citations', 'citedId', ids, orderBy('citedId', 'citingId'), (s) =>
          s.citationsOf(ids, direction),
        );

  /** A transitive walk over citations: the snapshot answers. */
  citingStudies: KnowledgeReads['citingStudies'] = async (studyId, maxHops) =>
    (await this.fallback()).citingStudies(studyId, maxHops);

  noticesByStudies: KnowledgeReads['noticesByStudies'] = (ids) =>
    this.grouped('notices', 'studyId', ids, orderBy('studyId', 'createdAt', 'id'), (s) =>
      s.noticesByStudies(ids),
    );

  getNotices: KnowledgeReads['getNotices'] = (ids) =>
    this.byIds('notices', ids, (s) => s.getNotices(ids));

  listNotices: KnowledgeReads['listNotices'] = () =>
    this.read((s) => s.listNotices()).then((live) =>
      this.merge('notices', live, () => true, orderBy('createdAt', 'id')),
    );

  // ---- graph walks and search ----------------------------------------------------------------

  nodeTypes: KnowledgeReads['nodeTypes'] = async (ids) => {
    const types = await this.read((s) => s.nodeTypes(ids));
    const asked = new Set(ids);
    for (const [kind, overlaid] of this.overlay.kinds()) {
      const type = NODE_TYPES[kind];
      if (!type) continue;
      for (const [id, then] of overlaid) {
        if (!asked.has(id)) continue;
        if (then === null) types.delete(id);
        else types.set(id, type);
      }
    }
    return types;
  };

  // Walks over the whole graph and full-text search: the snapshot answers.
  neighborhood: KnowledgeReads['neighborhood'] = async (rootId, depth, filter, limit) =>
    (await this.fallback()).neighborhood(rootId, depth, filter, limit);
  paths: KnowledgeReads['paths'] = async (fromId, toId, maxLength, filter, limit) =>
    (await this.fallback()).paths(fromId, toId, maxLength, filter, limit);
  scanEdges: KnowledgeReads['scanEdges'] = async (after, limit) =>
    (await this.fallback()).scanEdges(after, limit);
  search: KnowledgeReads['search'] = async (query) => (await this.fallback()).search(query);

  // ---- the history, cut at the instant -------------------------------------------------------

  revisionsOf: KnowledgeReads['revisionsOf'] = async (entityId, after, limit) =>
    this.until(await this.read((s) => s.revisionsOf(entityId, after, limit)));

  getRevisions: KnowledgeReads['getRevisions'] = async (ids) =>
    (await this.read((s) => s.getRevisions(ids))).filter((r) => r.at <= this.at);

  revisionsSince: KnowledgeReads['revisionsSince'] = async (since) =>
    this.until(await this.read((s) => s.revisionsSince(since)));

  changesSince: KnowledgeReads['changesSince'] = async (since) =>
    this.until(await this.read((s) => s.changesSince(since)));

  scanRevisions: KnowledgeReads['scanRevisions'] = async (after, limit) =>
    this.until(await this.read((s) => s.scanRevisions(after, limit)));

  latestRevisionId: KnowledgeReads['latestRevisionId'] = async () =>
    (await this.fallback()).latestRevisionId();

  appendRevisions: KnowledgeReads['appendRevisions'] = () =>
    Promise.reject(new Error('an asOf read scope is read-only'));

  /** Revisions in id order up to the first one made after the instant. */
  private until<R extends { at: string }>(revisions: R[]): R[] {
    const later = revisions.findIndex((r) => r.at > this.at);
    return later < 0 ? revisions : revisions.slice(0, later);
  }
}

/** Whether a condition or mechanism was then called `name` (name or synonym, normalised). */
function named(name: string) {
  const wanted = normaliseName(name);
  return (r: ConditionRecord | MechanismRecord) =>
    [r.name, ...r.synonyms].some((n) => normaliseName(n) === wanted);
}
