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
import { ReviewChangeDto } from './review.inputs';

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
    if (this.config.REVIEWER_ROLE === 'ADMIN' && principal.role !== 'ADMIN')
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        'Reviews need an ADMIN token here (REVIEWER_ROLE=ADMIN).',
      );
    const reason = input.reason?.trim() ? input.reason : null;
    if (input.decision === ReviewDecision.REJECT && !reason)
      throw DomainError.badInput('input.reason', 'is required to reject: tell the author why');
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
