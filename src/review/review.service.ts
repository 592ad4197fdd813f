import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/auth.service';
import { Connection, keysetPage, pageById, PageArgs } from '../common/connection';
import { DomainError, ErrorCode } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { awaitsReview } from '../evidence/counting';
import { NodeType, ReviewDecision, ReviewStatus } from '../graphql.schema';
import {
  loadReviewed,
  ReviewedRecord,
  setReviewStatus,
  staleVersion,
} from '../history/audited-writes';
import { HISTORY_CAP } from '../history/history.service';
import { isReviewOnly } from '../history/revision';
import { ReadScope } from '../read-scope/read-scope';
import {
  CITATION_STORE,
  CitationWrites,
  KnowledgeReads,
  NoticeRecord,
  REVIEW_STORE,
  ReviewedKind,
  ReviewWrites,
} from '../store/ports';
import { setNoticeStatus } from '../citations/notice-review';
import { nowIso } from '../common/ids';
import { revision } from '../history/revision';
import { ReviewChangeDto, ReviewChangesDto } from './review.inputs';

/** The most items one `reviewChanges` decides: one transaction stays short. */
export const REVIEW_BATCH_MAX = 500;

export type ReviewItem = ReviewedRecord | NoticeRecord;

/**
 * The review workflow: claims, statements, evidence links, gaps and notices that editors create
 * start SUBMITTED; a reviewer (ADMIN, or any EDITOR with REVIEWER_ROLE=EDITOR) accepts or rejects
 * each, never one they wrote. Only ACCEPTED items count in clinicians' reports by default (an
 * accepted notice takes effect: see citations/notice-review.ts).
 */
@Injectable()
export class ReviewService {
  constructor(
    @Inject(REVIEW_STORE) private readonly reviews: ReviewWrites,
    @Inject(CITATION_STORE) private readonly notices: Pick<CitationWrites, 'setNoticeStatus'>,
    private readonly config: AppConfig,
  ) {}

  private async find(
    id: string,
    store: KnowledgeReads,
  ): Promise<{ kind: ReviewedKind | 'notices'; item: ReviewItem } | null> {
    const type = (await store.nodeTypes([id])).get(id);
    if (type === undefined) {
      // Links and notices are no nodes of the graph: their ids have namespaces of their own.
      const link = await loadReviewed(store, 'evidence', id);
      if (link) return { kind: 'evidence', item: link };
      const [notice] = await store.getNotices([id]);
      return notice ? { kind: 'notices', item: notice } : null;
    }
    const kind: ReviewedKind =
      type === NodeType.CLAIM
        ? 'claims'
        : type === NodeType.STATEMENT
          ? 'statements'
          : type === NodeType.EVIDENCE_GAP
            ? 'gaps'
            : 'evidence';
    const item = await loadReviewed(store, kind, id);
    return item ? { kind, item } : null;
  }

  async review(
    input: ReviewChangeDto,
    principal: Principal,
    { store }: ReadScope,
  ): Promise<ReviewItem> {
    const reason = this.mayReview(input, principal);
    const found = await this.find(input.id, store);
    if (!found)
      throw DomainError.notFound(
        `A claim, statement, evidence link, gap or notice "${input.id}"`,
        'input.id',
      );
    const { kind, item } = found;
    if (!awaitsReview(item))
      throw DomainError.conflict(`${item.id} is already ${item.reviewStatus}; nothing to review.`, {
        field: 'input.id',
        currentVersion: item.version,
      });
    if (item.version !== input.expectedVersion)
      throw staleVersion(item.id, input.expectedVersion, item.version);
    const authors = await this.authors(item, store);
    if (authors.has(principal.name))
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        `${principal.name} wrote or changed ${item.id}; someone else must review it.`,
        { field: 'input.id' },
      );
    const status =
      input.decision === ReviewDecision.ACCEPT ? ReviewStatus.ACCEPTED : ReviewStatus.REJECTED;
    const ctx = { actor: principal.name, reason };
    if (kind === 'notices') {
      const notice = item as NoticeRecord;
      const [study] = await store.getStudies([notice.studyId]);
      return setNoticeStatus(this.notices, notice, study, status, ctx);
    }
    return setReviewStatus(this.reviews, kind, item as ReviewedRecord, status, ctx);
  }

  /** The caller may review, and a rejection says why; the reason to record (null for none). */
  private mayReview(
    input: { decision: ReviewDecision; reason?: string | null },
    principal: Principal,
  ): string | null {
    if (this.config.REVIEWER_ROLE === 'ADMIN' && principal.role !== 'ADMIN')
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        'Reviews need an ADMIN token here (REVIEWER_ROLE=ADMIN).',
      );
    const reason = input.reason?.trim() ? input.reason : null;
    if (input.decision === ReviewDecision.REJECT && !reason)
      throw DomainError.badInput('input.reason', 'is required to reject: tell the author why');
    return reason;
  }

  /**
   * Accepts or rejects many items in one store transaction: a list at the versions read, or
   * everything SUBMITTED of one source (see `ofSource`). Each item meets the rules of `review`;
   * the first refusal names the item (its field and id) and nothing is written. Notices are not
   * taken in bulk: accepting one can retract a study, a decision to make one at a time.
   */
  async reviewMany(
    input: ReviewChangesDto,
    principal: Principal,
    { store }: ReadScope,
  ): Promise<ReviewedRecord[]> {
    const reason = this.mayReview(input, principal);
    const byList = input.items !== undefined && input.items !== null;
    const bySource = input.sourceId !== undefined && input.sourceId !== null;
    if (byList && bySource)
      throw DomainError.badInput('input.sourceId', 'must be left out when items are given');
    if (!byList && !bySource) throw DomainError.badInput('input', 'give either items or sourceId');
    const picked: { kind: ReviewedKind; item: ReviewedRecord; field: string }[] = [];
    if (byList) {
      const items = input.items ?? [];
      if (items.length === 0) throw DomainError.badInput('input.items', 'must not be empty');
      if (items.length > REVIEW_BATCH_MAX)
        throw DomainError.badInput('input.items', `must have at most ${REVIEW_BATCH_MAX} items`);
      const seen = new Set<string>();
      for (const [i, given] of items.entries()) {
        const field = `input.items[${i}].id`;
        if (seen.has(given.id))
          throw DomainError.badInput(field, `lists ${given.id} a second time`, {
            itemId: given.id,
          });
        seen.add(given.id);
        const found = await this.find(given.id, store);
        if (!found)
          throw DomainError.notFound(
            `A claim, statement, evidence link or gap "${given.id}"`,
            field,
            { itemId: given.id },
          );
        if (found.kind === 'notices')
          throw DomainError.badInput(
            field,
            `${given.id} is a notice: review notices one by one (reviewChange)`,
            { itemId: given.id },
          );
        const item = found.item as ReviewedRecord;
        if (!awaitsReview(item))
          throw DomainError.conflict(
            `${item.id} is already ${item.reviewStatus}; nothing to review.`,
            { field, itemId: item.id, currentVersion: item.version },
          );
        if (item.version !== given.expectedVersion)
          throw DomainError.conflict(
            staleVersion(item.id, given.expectedVersion, item.version).message,
            {
              field: `input.items[${i}].expectedVersion`,
              itemId: item.id,
              currentVersion: item.version,
            },
          );
        picked.push({ kind: found.kind, item, field });
      }
    } else {
      const sourceId = input.sourceId as string;
      const [source] = await store.getSources([sourceId]);
      if (!source) throw DomainError.notFound(`Source "${sourceId}"`, 'input.sourceId');
      const pending = await this.ofSource(sourceId, store);
      if (pending.length > REVIEW_BATCH_MAX)
        throw DomainError.badInput(
          'input.sourceId',
          `has ${pending.length} items awaiting review, more than ${REVIEW_BATCH_MAX}: review them by list`,
        );
      picked.push(...pending.map((p) => ({ ...p, field: 'input.sourceId' })));
    }
    for (const { item, field } of picked) {
      if ((await this.authors(item, store)).has(principal.name))
        throw new DomainError(
          ErrorCode.FORBIDDEN,
          `${principal.name} wrote or changed ${item.id}; someone else must review it. Nothing was reviewed.`,
          { field, itemId: item.id },
        );
    }
    if (picked.length === 0) return [];
    const status =
      input.decision === ReviewDecision.ACCEPT ? ReviewStatus.ACCEPTED : ReviewStatus.REJECTED;
    const at = nowIso();
    const ctx = { actor: principal.name, reason };
    const audit = picked.map(({ kind, item }) =>
      revision(
        kind,
        item,
        { ...item, reviewStatus: status, updatedAt: at, version: item.version + 1 },
        ctx,
        at,
      ),
    );
    const changes = picked.map(({ kind, item }) => ({
      kind,
      id: item.id,
      expectedVersion: item.version,
      status,
    }));
    const result = await this.reviews.setReviewStatuses(changes, at, audit);
    if (result.ok) return result.records;
    // Someone changed (or removed) an item between our read and the write: name it.
    const { item, field } = picked[result.index];
    if (result.reason === 'NOT_FOUND')
      throw DomainError.notFound(`"${item.id}"`, field, { itemId: item.id });
    throw DomainError.conflict(staleVersion(item.id, item.version, result.currentVersion).message, {
      field,
      itemId: item.id,
      currentVersion: result.currentVersion,
    });
  }

  /**
   * What of one source awaits review: its statements, the claims they state, and the evidence
   * links and gaps on those claims, each while SUBMITTED. Claims, links and gaps may be shared
   * with other sources' statements; accepting them here is accepting them everywhere.
   */
  private async ofSource(
    sourceId: string,
    store: KnowledgeReads,
  ): Promise<{ kind: ReviewedKind; item: ReviewedRecord }[]> {
    const statements = await store.statementsBySources([sourceId]);
    const claimIds = [...new Set(statements.map((s) => s.claimId))];
    const [claims, links, gaps] = await Promise.all([
      store.getClaims(claimIds),
      store.evidenceByClaims(claimIds),
      store.gapsByClaims(claimIds),
    ]);
    const tagged = (kind: ReviewedKind, xs: ReviewedRecord[]) => xs.map((item) => ({ kind, item }));
    return [
      ...tagged('statements', statements),
      ...tagged('claims', claims),
      ...tagged('evidence', links),
      ...tagged('gaps', gaps),
    ].filter((x) => awaitsReview(x.item));
  }

  /** Everyone who wrote the item's content (review decisions do not make one an author). */
  private async authors(item: ReviewItem, store: KnowledgeReads): Promise<Set<string>> {
    const revisions = await store.revisionsOf(item.id, undefined, HISTORY_CAP);
    const names = new Set(revisions.filter((r) => !isReviewOnly(r)).map((r) => r.actor));
    if ('addedBy' in item) names.add(item.addedBy);
    return names;
  }

  /**
   * What waits for review, oldest first. Walks every claim with its statements and links (three
   * batched reads): fine for a curated base of thousands of claims.
   */
  async queue(page: PageArgs, { store, loaders }: ReadScope): Promise<Connection<ReviewItem>> {
    const { limit, after } = keysetPage(page);
    const ids = await store.findClaimIds({});
    const [claims, statements, links, gaps] = await Promise.all([
      loaders.all(loaders.claim, ids),
      loaders.statementsByClaim.loadMany(ids),
      loaders.evidenceByClaim.loadMany(ids),
      loaders.gapsByClaim.loadMany(ids),
    ]);
    const flat = <T>(xs: Array<T[] | Error>) => xs.flatMap((x) => (x instanceof Error ? [] : x));
    const pending: ReviewItem[] = [
      ...claims,
      ...flat(statements),
      ...flat(links),
      ...flat(gaps),
      ...(await store.listNotices()),
    ].filter(awaitsReview);
    // Keyset on "createdAt|id": oldest first, stable under inserts.
    const keyed = pending
      .map((item) => ({ id: `${item.createdAt}|${item.id}`, item }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const queued = pageById(keyed, limit, after);
    return { ...queued, edges: queued.edges.map((e) => ({ cursor: e.cursor, node: e.node.item })) };
  }
}

/** The GraphQL type of a review item, from its shape. */
export function reviewItemType(
  item: ReviewItem,
): 'Claim' | 'Statement' | 'EvidenceLink' | 'EvidenceGap' | 'Notice' {
  if ('relation' in item) return 'EvidenceLink';
  if ('description' in item && 'claimId' in item) return 'EvidenceGap';
  if ('studyId' in item) return 'Notice';
  if ('quote' in item && 'sourceId' in item) return 'Statement';
  return 'Claim';
}
