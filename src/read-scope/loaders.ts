/**
 * Request-scoped batched reads (DataLoader), one loader per store read. Every nested field and
 * every service read within one read scope goes through these, so a query costs a handful of store
 * calls whatever its size: each loader turns all the keys asked for in one tick into one store
 * call. Loaders only batch and cache; what the records mean is decided in the services.
 */
import DataLoader from 'dataloader';
import { referenced } from '../common/domain-error';
import { NodeType } from '../graphql.schema';
import { reportCacheOf } from './report-cache';
import {
  CitationRecord,
  ClaimRecord,
  ConditionEvidenceOptions,
  ConditionEvidenceRecords,
  ConditionRecord,
  EvidenceLinkRecord,
  GapRecord,
  InterventionRecord,
  KnowledgeReads,
  MechanismRecord,
  NoticeRecord,
  SourceRecord,
  StatementRecord,
  StudyRecord,
} from '../store/ports';

function byId<T extends { id: string }>(
  fetch: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const found = new Map((await fetch(ids)).map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Items by the key each holds, in the order given: one pass, whatever the number of keys. */
function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Records grouped by the id they hold in `key` (a statement's claimId, ...); one fetch a tick. */
function grouped<T extends Record<K, string>, K extends keyof T>(
  fetch: (ids: readonly string[]) => Promise<T[]>,
  key: K,
): DataLoader<string, T[]> {
  return new DataLoader(async (ids) => {
    const groups = groupBy(await fetch(ids), (r) => r[key]);
    return ids.map((id) => groups.get(id) ?? []);
  });
}

export class Loaders {
  readonly source: DataLoader<string, SourceRecord | null>;
  readonly statement: DataLoader<string, StatementRecord | null>;
  readonly claim: DataLoader<string, ClaimRecord | null>;
  readonly condition: DataLoader<string, ConditionRecord | null>;
  readonly mechanism: DataLoader<string, MechanismRecord | null>;
  readonly intervention: DataLoader<string, InterventionRecord | null>;
  readonly study: DataLoader<string, StudyRecord | null>;
  readonly gap: DataLoader<string, GapRecord | null>;
  readonly statementsBySource: DataLoader<string, StatementRecord[]>;
  readonly statementsByClaim: DataLoader<string, StatementRecord[]>;
  readonly evidenceByClaim: DataLoader<string, EvidenceLinkRecord[]>;
  readonly evidenceByStudy: DataLoader<string, EvidenceLinkRecord[]>;
  readonly gapsByClaim: DataLoader<string, GapRecord[]>;
  readonly citationsByCiting: DataLoader<string, CitationRecord[]>;
  readonly citationsByCited: DataLoader<string, CitationRecord[]>;
  readonly noticesByStudy: DataLoader<string, NoticeRecord[]>;
  readonly narrowerIds: DataLoader<string, string[]>;
  readonly claimIdsByCondition: DataLoader<string, string[]>;
  readonly claimIdsByMechanism: DataLoader<string, string[]>;

  /** The store clock as this scope first read it (reports cached between requests, report-cache.ts). */
  private clock: Promise<string> | undefined;

  constructor(private readonly store: KnowledgeReads) {
    this.source = byId((ids) => store.getSources(ids));
    this.statement = byId((ids) => store.getStatements(ids));
    this.claim = byId((ids) => store.getClaims(ids));
    this.condition = byId((ids) => store.getConditions(ids));
    this.mechanism = byId((ids) => store.getMechanisms(ids));
    this.intervention = byId((ids) => store.getInterventions(ids));
    this.study = byId((ids) => store.getStudies(ids));
    this.gap = byId((ids) => store.getGaps(ids));
    this.statementsBySource = grouped((ids) => store.statementsBySources(ids), 'sourceId');
    this.statementsByClaim = grouped((ids) => store.statementsByClaims(ids), 'claimId');
    this.evidenceByClaim = grouped((ids) => store.evidenceByClaims(ids), 'claimId');
    this.evidenceByStudy = grouped((ids) => store.evidenceByStudies(ids), 'studyId');
    this.citationsByCiting = grouped((ids) => store.citationsOf(ids, 'cites'), 'citingId');
    this.citationsByCited = grouped((ids) => store.citationsOf(ids, 'citedBy'), 'citedId');
    this.noticesByStudy = grouped((ids) => store.noticesByStudies(ids), 'studyId');
    this.gapsByClaim = grouped((ids) => store.gapsByClaims(ids), 'claimId');
    this.narrowerIds = new DataLoader(async (ids) => {
      const below = groupBy(await store.narrowerPairs(ids), ([p]) => p);
      return ids.map((id) => (below.get(id) ?? []).map(([, c]) => c));
    });
    this.claimIdsByCondition = this.claimIdsBy(
      (ids) => store.findClaimIds({ conditionIds: [...ids] }),
      (c) => c.conditionIds,
    );
    this.claimIdsByMechanism = this.claimIdsBy(
      (ids) => store.findClaimIds({ mechanismIds: [...ids] }),
      (c) => c.mechanismIds,
    );
  }

  /**
   * `read`'s answer kept between requests under `key` while the store clock has not moved (see
   * report-cache.ts): for the other reads a report makes on every request. Read anew when the
   * store has no report cache (a snapshot, an asOf overlay). Its answer is frozen.
   */
  async kept<T>(key: string, read: () => Promise<T>): Promise<T> {
    const cached = await this.reportCache();
    return cached ? cached.cache.kept(cached.now, key, read) : read();
  }

  /** The store's report cache and the clock as this scope read it; none for a snapshot. */
  private async reportCache() {
    const cache = reportCacheOf(this.store);
    return cache && { cache, now: await (this.clock ??= cache.clock()) };
  }

  /**
   * A report's records in one store read (conditionEvidence), each put in the cache of the single
   * read it stands for: the report and every nested field then read them without another trip.
   * Records read earlier in the scope are kept (DataLoader's prime never overwrites).
   */
  async conditionEvidence(
    rootId: string,
    maxDepth: number,
    options: ConditionEvidenceOptions = {},
  ): Promise<ConditionEvidenceRecords | null> {
    const cached = await this.reportCache();
    const found = cached
      ? await cached.cache.conditionEvidence(cached.now, rootId, maxDepth, options)
      : await this.store.conditionEvidence(rootId, maxDepth, options);
    if (!found) return null;
    const primeAll = <T extends { id: string }>(loader: DataLoader<string, T | null>, rs: T[]) => {
      for (const r of rs) loader.prime(r.id, r);
    };
    primeAll(this.condition, found.conditions);
    primeAll(this.claim, found.claims);
    primeAll(this.study, found.studies);
    primeAll(this.statement, found.statements);
    primeAll(this.gap, found.gaps);
    primeAll(this.source, found.sources);
    // Each list grouped once (a report of thousands of claims stays linear).
    const links = groupBy(found.links, (l) => l.claimId);
    const statements = groupBy(found.statements, (x) => x.claimId);
    const gaps = groupBy(found.gaps, (g) => g.claimId);
    for (const { id } of found.claims) {
      this.evidenceByClaim.prime(id, links.get(id) ?? []);
      this.statementsByClaim.prime(id, statements.get(id) ?? []);
      this.gapsByClaim.prime(id, gaps.get(id) ?? []);
    }
    const about = groupBy(
      found.claims.flatMap((c) => c.conditionIds.map((conditionId) => ({ conditionId, id: c.id }))),
      (x) => x.conditionId,
    );
    for (const id of [rootId, ...found.narrower.map((n) => n.id)])
      this.claimIdsByCondition.prime(id, [...new Set((about.get(id) ?? []).map((x) => x.id))]);
    // Only the parents whose narrower conditions were all within reach.
    if (maxDepth >= 1) {
      const below = groupBy(found.narrowerPairs, ([p]) => p);
      const parents = [
        rootId,
        ...found.narrower.filter((n) => n.depth < maxDepth).map((n) => n.id),
      ];
      for (const id of parents)
        this.narrowerIds.prime(
          id,
          (below.get(id) ?? []).map(([, c]) => c),
        );
    }
    return found;
  }

  /** The by-id loader for a node type. */
  byType(type: NodeType): DataLoader<string, object | null> {
    const loaders: Record<NodeType, DataLoader<string, object | null>> = {
      [NodeType.SOURCE]: this.source,
      [NodeType.STATEMENT]: this.statement,
      [NodeType.CLAIM]: this.claim,
      [NodeType.CONDITION]: this.condition,
      [NodeType.MECHANISM]: this.mechanism,
      [NodeType.INTERVENTION]: this.intervention,
      [NodeType.STUDY]: this.study,
      [NodeType.EVIDENCE_GAP]: this.gap,
    };
    return loaders[type];
  }

  /** Forgets everything read so far. */
  clearAll(): void {
    this.clock = undefined;
    for (const value of Object.values(this)) if (value instanceof DataLoader) value.clearAll();
  }

  /** Loads many by id, dropping the absent ones, keeping the order asked for. */
  async all<T>(loader: DataLoader<string, T | null>, ids: readonly string[]): Promise<T[]> {
    const found = await loader.loadMany(ids);
    return found.filter((x): x is T => x !== null && !(x instanceof Error));
  }

  /** Loads the record an input's id refers to; an unknown id is BAD_USER_INPUT on that field. */
  async known<T>(
    loader: DataLoader<string, T | null>,
    id: string,
    field: string,
    kind: string,
  ): Promise<T> {
    return referenced(await loader.load(id), field, kind, id);
  }

  /** Claim ids per owner (condition or mechanism): one id query and one claim fetch per tick. */
  private claimIdsBy(
    find: (ids: readonly string[]) => Promise<string[]>,
    owners: (c: ClaimRecord) => string[],
  ): DataLoader<string, string[]> {
    return new DataLoader(async (ids) => {
      const claims = await this.all(this.claim, await find(ids));
      return ids.map((id) => claims.filter((c) => owners(c).includes(id)).map((c) => c.id));
    });
  }
}
