import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/auth.service';
import { Connection, decodeIdCursor, pageById, pageSize } from '../common/connection';
import { DomainError, ErrorCode } from '../common/domain-error';
import { nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { AppConfig } from '../config/app-config';
import { NodeType, ReviewDecision, ReviewStatus } from '../graphql.schema';
import { HISTORY_CAP } from '../history/history.service';
import { isReviewOnly, revision } from '../history/revision';
import { Loaders } from '../loaders/loaders';
import {
  ClaimRecord,
  EVIDENCE_STORE,
  EvidenceLinkRecord,
  EvidenceStore,
  ReviewedKind,
  StatementRecord,
} from '../store/evidence-store.port';
import { ReviewChangeDto } from './review.inputs';

export type ReviewItem = ClaimRecord | StatementRecord | EvidenceLinkRecord;

/**
 * The review workflow: claims, statements and evidence links that editors create start SUBMITTED;
 * a reviewer (ADMIN, or any EDITOR with REVIEWER_ROLE=EDITOR) accepts or rejects each, never one
 * they wrote. Only ACCEPTED items count in clinicians' reports by default.
 */
@Injectable()
export class ReviewService {
  constructor(
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
    private readonly config: AppConfig,
  ) {}

  private async find(id: string): Promise<{ kind: ReviewedKind; item: ReviewItem } | null> {
    const type = (await this.store.nodeTypes([id])).get(id);
    if (type === NodeType.CLAIM)
      return { kind: 'claims', item: (await this.store.getClaims([id]))[0] };
    if (type === NodeType.STATEMENT)
      return { kind: 'statements', item: (await this.store.getStatements([id]))[0] };
    const [link] = await this.store.getEvidenceLinks([id]);
    return link ? { kind: 'evidence', item: link } : null;
  }

  async review(input: ReviewChangeDto, principal: Principal): Promise<ReviewItem> {
    if (this.config.REVIEWER_ROLE === 'ADMIN' && principal.role !== 'ADMIN')
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        'Reviews need an ADMIN token here (REVIEWER_ROLE=ADMIN).',
      );
    const reason = input.reason?.trim() ? input.reason : null;
    if (input.decision === ReviewDecision.REJECT && !reason)
      throw DomainError.badInput('input.reason', 'is required to reject: tell the author why');
    const found = await this.find(input.id);
    if (!found || !found.item)
      throw DomainError.notFound(`A claim, statement or evidence link "${input.id}"`, 'input.id');
    const { kind, item } = found;
    if (item.reviewStatus !== ReviewStatus.SUBMITTED)
      throw DomainError.conflict(`${item.id} is already ${item.reviewStatus}; nothing to review.`, {
        field: 'input.id',
        currentVersion: item.version,
      });
    if (item.version !== input.expectedVersion)
      throw DomainError.conflict(
        `${item.id} is at version ${item.version}, not ${input.expectedVersion}: it changed since you read it.`,
        { field: 'input.expectedVersion', currentVersion: item.version },
      );
    const authors = await this.authors(item);
    if (authors.has(principal.name))
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        `${principal.name} wrote or changed ${item.id}; someone else must review it.`,
        { field: 'input.id' },
      );
    const status =
      input.decision === ReviewDecision.ACCEPT ? ReviewStatus.ACCEPTED : ReviewStatus.REJECTED;
    const at = nowIso();
    const after = { ...item, reviewStatus: status, updatedAt: at, version: item.version + 1 };
    const result = await storeWrite(() =>
      this.store.setReviewStatus(kind, item.id, item.version, status, at, [
        revision(kind, item, after, { actor: principal.name, reason }, at),
      ]),
    );
    if (result.ok) return result.record;
    if (result.reason === 'NOT_FOUND') throw DomainError.notFound(`"${item.id}"`, 'input.id');
    throw DomainError.conflict(`${item.id} changed while you reviewed it; reload it.`, {
      field: 'input.expectedVersion',
      currentVersion: result.currentVersion,
    });
  }

  /** Everyone who wrote the item's content (review decisions do not make one an author). */
  private async authors(item: ReviewItem): Promise<Set<string>> {
    const revisions = await this.store.revisionsOf(item.id, undefined, HISTORY_CAP);
    const names = new Set(revisions.filter((r) => !isReviewOnly(r)).map((r) => r.actor));
    if ('addedBy' in item) names.add(item.addedBy);
    return names;
  }

  /**
   * What waits for review, oldest first. Walks every claim with its statements and links (three
   * batched reads): fine for a curated base of thousands of claims.
   */
  async queue(
    first: number | null | undefined,
    after: string | null | undefined,
    loaders: Loaders,
  ): Promise<Connection<ReviewItem>> {
    const limit = pageSize(first);
    const ids = await this.store.findClaimIds({});
    const [claims, statements, links] = await Promise.all([
      loaders.all(loaders.claim, ids),
      loaders.statementsByClaim.loadMany(ids),
      loaders.evidenceByClaim.loadMany(ids),
    ]);
    const flat = <T>(xs: Array<T[] | Error>) => xs.flatMap((x) => (x instanceof Error ? [] : x));
    const pending: ReviewItem[] = [...claims, ...flat(statements), ...flat(links)].filter(
      (x) => x.reviewStatus === ReviewStatus.SUBMITTED,
    );
    // Keyset on "createdAt|id": oldest first, stable under inserts.
    const keyed = pending
      .map((item) => ({ id: `${item.createdAt}|${item.id}`, item }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const page = pageById(keyed, limit, decodeIdCursor(after));
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: e.node.item })) };
  }
}

/** The GraphQL type of a review item, from its shape. */
export function reviewItemType(item: ReviewItem): 'Claim' | 'Statement' | 'EvidenceLink' {
  if ('relation' in item) return 'EvidenceLink';
  if ('quote' in item && 'sourceId' in item) return 'Statement';
  return 'Claim';
}
